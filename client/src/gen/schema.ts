// Generated from client/openapi.json by scripts/gen-client.mjs. Do not edit.
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: operations["health.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: 503 until the database and gRPC listener are up, and while the database does not answer */
        get: operations["ready.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text exposition format) */
        get: operations["metrics.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OpenAPI 3.1 document of this API */
        get: operations["openapijson.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API reference page */
        get: operations["docs.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether first-run setup is still required (no user exists yet) */
        get: operations["auth.setup.list"];
        put?: never;
        /** Create the first admin (409 once any user exists) */
        post: operations["auth.setup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in: access and refresh tokens plus the session cookie */
        post: operations["auth.login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for new tokens (rotates the refresh token) */
        post: operations["auth.refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the current session and clear the session cookie */
        post: operations["auth.logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's account */
        get: operations["auth.me.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change your password (ends your other sessions) */
        put: operations["auth.me.password.update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: operations["users.list"];
        put?: never;
        /** Create a user */
        post: operations["users.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user */
        get: operations["users.get"];
        put?: never;
        post?: never;
        /** Delete a user (not the last admin) */
        delete: operations["users.delete"];
        options?: never;
        head?: never;
        /** Change a user's role or password (the last admin cannot be demoted) */
        patch: operations["users.update"];
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List your API keys (admin: all, filter user_id) */
        get: operations["api-keys.list"];
        put?: never;
        /** Create an API key (shown once; role at most your own) */
        post: operations["api-keys.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an API key (own; admin: any) */
        delete: operations["api-keys.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit log, newest first (filters actor, action, since, target_id, q); page.total counts every match */
        get: operations["audit.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrollment-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List join tokens, newest first */
        get: operations["enrollment-tokens.list"];
        put?: never;
        /** Create a join token; the response carries the token string once and a ready join command */
        post: operations["enrollment-tokens.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrollment-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a join token */
        get: operations["enrollment-tokens.get"];
        put?: never;
        post?: never;
        /** Revoke a join token (the record is kept) */
        delete: operations["enrollment-tokens.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrollment-attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List enrollment attempts, newest first */
        get: operations["enrollment-attempts.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List nodes (filters status, labels=k=v,k2=v2, q; sort, order); page.total counts every match */
        get: operations["nodes.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a node */
        get: operations["nodes.get"];
        put?: never;
        post?: never;
        /** Delete a node and revoke its certificate */
        delete: operations["nodes.delete"];
        options?: never;
        head?: never;
        /** Rename a node or replace its labels */
        patch: operations["nodes.update"];
        trace?: never;
    };
    "/api/v1/fleet/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Fleet totals: online, offline, counts by OS and agent version */
        get: operations["fleet.status.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List stored events newest first (filters type: exact or prefix like node.*, node_id, since: RFC 3339 time or event id, q; order); page.total counts every match; types above the caller's role (enrollment.rejected: admin) are left out */
        get: operations["events.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Catalogue of event types */
        get: operations["events.types.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pki/ca.pem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The master's CA certificate (PEM) */
        get: operations["pki.capem.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/install.sh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** POSIX shell installer for the worker; run it with FLOTILLA_JOIN_TOKEN set (see join_command) */
        get: operations["installsh.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/downloads/flotilla-worker.mjs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The worker as one self-contained ES module for Node >= 20 */
        get: operations["downloads.flotilla-workermjs.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/downloads/flotilla-worker.mjs.sha256": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SHA-256 of the worker artifact, in sha256sum format */
        get: operations["downloads.flotilla-workermjssha256.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/downloads/flotilla-worker-linux-x64": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The worker as one executable with Node inside, for linux-x64 hosts without Node */
        get: operations["downloads.flotilla-worker-linux-x64.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/downloads/flotilla-worker-linux-x64.sha256": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SHA-256 of flotilla-worker-linux-x64, in sha256sum format */
        get: operations["downloads.flotilla-worker-linux-x64sha256.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/downloads/flotilla-worker-linux-arm64": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The worker as one executable with Node inside, for linux-arm64 hosts without Node */
        get: operations["downloads.flotilla-worker-linux-arm64.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/downloads/flotilla-worker-linux-arm64.sha256": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SHA-256 of flotilla-worker-linux-arm64, in sha256sum format */
        get: operations["downloads.flotilla-worker-linux-arm64sha256.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ws/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a single-use WebSocket ticket (valid 30 s) */
        post: operations["ws.tickets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent metric series of a node (names=a,b,fs.*; since=RFC 3339 or -15m; step=seconds) */
        get: operations["nodes.metrics.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/containers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List containers across the fleet (filters node_id, state, image, q; sort, order); page.total counts every match */
        get: operations["containers.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/{id}/containers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a node's containers */
        get: operations["nodes.containers.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List scans, newest first */
        get: operations["scans.list"];
        put?: never;
        /** Start a scan on target nodes */
        post: operations["scans.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scans/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Compare two scans: new, fixed and unchanged findings */
        get: operations["scans.compare.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a scan with per-node status, progress and summary */
        get: operations["scans.get"];
        put?: never;
        post?: never;
        /** Delete a finished scan (409 while it runs) */
        delete: operations["scans.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scans/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a scan (409 when it already finished) */
        post: operations["scans.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scans/{id}/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the findings a scan saw */
        get: operations["scans.findings.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scans/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Scan report as JSON, CSV or a self-contained HTML page */
        get: operations["scans.report.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List current findings (filters severity, scanner, node_id, status, rule_id, q; sort, order); page.total counts every match */
        get: operations["findings.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/findings/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts by severity, scanner, node and rule (by_rule: findings and nodes affected, most severe first); reclaimable bytes; monthly savings */
        get: operations["findings.summary.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/findings/{fingerprint}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a finding */
        get: operations["findings.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Triage a finding: status and note */
        patch: operations["findings.update"];
        trace?: never;
    };
    "/api/v1/scanners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Catalogue of scanners and their rules */
        get: operations["scanners.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/{id}/census": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Latest host census of a node */
        get: operations["nodes.census.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/{id}/census/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Latest host census compared with the previous one (or ?base=<snapshot id>) */
        get: operations["nodes.census.diff.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List scan schedules */
        get: operations["schedules.list"];
        put?: never;
        /** Create a scan schedule (interval_seconds or cron) */
        post: operations["schedules.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/schedules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a schedule */
        get: operations["schedules.get"];
        put?: never;
        post?: never;
        /** Delete a schedule */
        delete: operations["schedules.delete"];
        options?: never;
        head?: never;
        /** Update a schedule */
        patch: operations["schedules.update"];
        trace?: never;
    };
    "/api/v1/schedules/{id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a schedule's scan now */
        post: operations["schedules.run"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/commands": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List commands sent to workers, newest first (filters node_id, status, kind) */
        get: operations["commands.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/commands/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one command: status, requester, timestamps, result or error */
        get: operations["commands.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/{id}/containers/{cid}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start, stop or restart a container; answers the command record (Idempotency-Key supported) */
        post: operations["containers.action"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes/{id}/containers/{cid}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a container's last log lines (tail default 100, max 10000; since = RFC 3339 or Unix seconds) */
        get: operations["nodes.containers.logs.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks */
        get: operations["webhooks.list"];
        put?: never;
        /** Create a webhook; the response carries the signing secret once */
        post: operations["webhooks.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook */
        get: operations["webhooks.get"];
        put?: never;
        post?: never;
        /** Delete a webhook and its delivery log */
        delete: operations["webhooks.delete"];
        options?: never;
        head?: never;
        /** Update a webhook (re-enabling clears its failure state) */
        patch: operations["webhooks.update"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery log, newest first, each with every attempt */
        get: operations["webhooks.deliveries.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a synthetic webhook.test delivery */
        post: operations["webhooks.test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a delivery again (same webhook-id) */
        post: operations["webhooks.deliveries.redeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the signing secret; the old one keeps signing for 24 h */
        post: operations["webhooks.rotate-secret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notification-channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List notification channels */
        get: operations["notification-channels.list"];
        put?: never;
        /** Create a channel (email, slack, discord, webhook) */
        post: operations["notification-channels.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notification-channels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a channel */
        get: operations["notification-channels.get"];
        put?: never;
        post?: never;
        /** Delete a channel */
        delete: operations["notification-channels.delete"];
        options?: never;
        head?: never;
        /** Update a channel */
        patch: operations["notification-channels.update"];
        trace?: never;
    };
    "/api/v1/notification-channels/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a test message now (503 with the reason when it fails) */
        post: operations["notification-channels.test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List alert rules */
        get: operations["alert-rules.list"];
        put?: never;
        /** Create an alert rule */
        post: operations["alert-rules.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an alert rule */
        get: operations["alert-rules.get"];
        put?: never;
        post?: never;
        /** Delete an alert rule (its open alerts are resolved) */
        delete: operations["alert-rules.delete"];
        options?: never;
        head?: never;
        /** Update an alert rule */
        patch: operations["alert-rules.update"];
        trace?: never;
    };
    "/api/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List alerts, newest first (filters state, severity, node_id, rule_id) */
        get: operations["alerts.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge a firing alert (stops repeats) */
        post: operations["alerts.acknowledge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resolve an alert */
        post: operations["alerts.resolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/silences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List silences */
        get: operations["silences.list"];
        put?: never;
        /** Mute notifications of a rule and/or label selector until ends_at */
        post: operations["silences.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/silences/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End a silence */
        delete: operations["silences.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your in-app notifications, newest first */
        get: operations["notifications.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Number of your unread notifications */
        get: operations["notifications.unread-count.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark one of your notifications read */
        post: operations["notifications.read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark all your notifications read */
        post: operations["notifications.read-all"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: string;
            /** @enum {string} */
            code: "invalid_argument" | "unauthenticated" | "permission_denied" | "not_found" | "conflict" | "rate_limited" | "unavailable" | "internal";
            request_id: string;
            details?: {
                field: string;
                message: string;
            }[];
        };
        "health.list.response": {
            /** @constant */
            status: "ok";
        };
        "ready.list.response": {
            /** @constant */
            status: "ready";
        };
        /** @description OpenAPI 3.1 document */
        "openapijson.list.response": {
            openapi: string;
            info: {
                title: string;
                version: string;
                description: string;
            };
            servers: {
                url: string;
            }[];
            paths: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            components: {
                [key: string]: unknown;
            };
        };
        "auth.setup.list.response": {
            required: boolean;
        };
        "auth.setup.request": {
            username: string;
            password: string;
        };
        "auth.setup.response": {
            id: string;
            username: string;
            /** @enum {string} */
            role: "viewer" | "operator" | "admin";
            created_at: string;
            updated_at: string;
            last_login_at: string | null;
        };
        "auth.login.request": {
            username: string;
            password: string;
        };
        "auth.login.response": {
            access_token: string;
            /** @constant */
            token_type: "Bearer";
            expires_in: number;
            refresh_token: string;
            csrf_token: string;
            user: {
                id: string;
                username: string;
                /** @enum {string} */
                role: "viewer" | "operator" | "admin";
                created_at: string;
                updated_at: string;
                last_login_at: string | null;
            };
        };
        "auth.refresh.request": {
            refresh_token: string;
        };
        "auth.refresh.response": {
            access_token: string;
            /** @constant */
            token_type: "Bearer";
            expires_in: number;
            refresh_token: string;
            csrf_token: string;
            user: {
                id: string;
                username: string;
                /** @enum {string} */
                role: "viewer" | "operator" | "admin";
                created_at: string;
                updated_at: string;
                last_login_at: string | null;
            };
        };
        "auth.me.list.response": {
            id: string;
            username: string;
            /** @enum {string} */
            role: "viewer" | "operator" | "admin";
            created_at: string;
            updated_at: string;
            last_login_at: string | null;
            /** @enum {string} */
            auth: "session" | "jwt" | "api_key";
        };
        "auth.me.password.update.request": {
            current_password: string;
            new_password: string;
        };
        "users.list.response": {
            items: {
                id: string;
                username: string;
                /** @enum {string} */
                role: "viewer" | "operator" | "admin";
                created_at: string;
                updated_at: string;
                last_login_at: string | null;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "users.create.request": {
            username: string;
            password: string;
            /**
             * @default viewer
             * @enum {string}
             */
            role: "viewer" | "operator" | "admin";
        };
        "users.create.response": {
            id: string;
            username: string;
            /** @enum {string} */
            role: "viewer" | "operator" | "admin";
            created_at: string;
            updated_at: string;
            last_login_at: string | null;
        };
        "users.get.response": {
            id: string;
            username: string;
            /** @enum {string} */
            role: "viewer" | "operator" | "admin";
            created_at: string;
            updated_at: string;
            last_login_at: string | null;
        };
        "users.update.request": {
            /** @enum {string} */
            role?: "viewer" | "operator" | "admin";
            password?: string;
        };
        "users.update.response": {
            id: string;
            username: string;
            /** @enum {string} */
            role: "viewer" | "operator" | "admin";
            created_at: string;
            updated_at: string;
            last_login_at: string | null;
        };
        "api-keys.list.response": {
            items: {
                id: string;
                name: string;
                prefix: string;
                /** @enum {string} */
                role: "viewer" | "operator" | "admin";
                user_id: string;
                created_at: string;
                last_used_at: string | null;
                expires_at: string | null;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "api-keys.create.request": {
            name: string;
            /** @enum {string} */
            role?: "viewer" | "operator" | "admin";
            expires_in_seconds?: number;
        };
        "api-keys.create.response": {
            id: string;
            name: string;
            prefix: string;
            /** @enum {string} */
            role: "viewer" | "operator" | "admin";
            user_id: string;
            created_at: string;
            last_used_at: string | null;
            expires_at: string | null;
            key: string;
        };
        "audit.list.response": {
            items: {
                id: string;
                ts: string;
                actor_id: string | null;
                actor_name: string;
                actor_type: string;
                action: string;
                target_type: string | null;
                target_id: string | null;
                request_id: string | null;
                source: string | null;
                details: {
                    [key: string]: unknown;
                };
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "enrollment-tokens.list.response": {
            items: {
                id: string;
                name: string;
                labels: {
                    [key: string]: string;
                };
                /** @description 0: unlimited */
                max_uses: number;
                uses: number;
                /** @description RFC 3339 UTC time */
                expires_at: string;
                revoked_at: string | null;
                /** @description RFC 3339 UTC time */
                created_at: string;
                created_by: string | null;
                /** @enum {string} */
                status: "active" | "expired" | "revoked" | "exhausted";
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "enrollment-tokens.create.request": {
            name?: string;
            ttl_seconds?: number;
            max_uses?: number;
            labels?: {
                [key: string]: string;
            };
        };
        "enrollment-tokens.create.response": {
            id: string;
            name: string;
            labels: {
                [key: string]: string;
            };
            /** @description 0: unlimited */
            max_uses: number;
            uses: number;
            /** @description RFC 3339 UTC time */
            expires_at: string;
            revoked_at: string | null;
            /** @description RFC 3339 UTC time */
            created_at: string;
            created_by: string | null;
            /** @enum {string} */
            status: "active" | "expired" | "revoked" | "exhausted";
            /** @description The token string: only in the answer of POST /enrollment-tokens */
            token?: string;
            join_command: string;
        };
        "enrollment-tokens.get.response": {
            id: string;
            name: string;
            labels: {
                [key: string]: string;
            };
            /** @description 0: unlimited */
            max_uses: number;
            uses: number;
            /** @description RFC 3339 UTC time */
            expires_at: string;
            revoked_at: string | null;
            /** @description RFC 3339 UTC time */
            created_at: string;
            created_by: string | null;
            /** @enum {string} */
            status: "active" | "expired" | "revoked" | "exhausted";
            /** @description The token string: only in the answer of POST /enrollment-tokens */
            token?: string;
            join_command: string;
        };
        "enrollment-tokens.delete.response": {
            id: string;
            name: string;
            labels: {
                [key: string]: string;
            };
            /** @description 0: unlimited */
            max_uses: number;
            uses: number;
            /** @description RFC 3339 UTC time */
            expires_at: string;
            revoked_at: string | null;
            /** @description RFC 3339 UTC time */
            created_at: string;
            created_by: string | null;
            /** @enum {string} */
            status: "active" | "expired" | "revoked" | "exhausted";
        };
        "enrollment-attempts.list.response": {
            items: {
                id: string;
                token_id: string | null;
                node_id: string | null;
                /** @enum {string} */
                outcome: "ok" | "token_unknown" | "bad_secret" | "token_expired" | "token_revoked" | "token_exhausted" | "rate_limited" | "invalid_request";
                reason: string;
                source_addr: string;
                hostname: string | null;
                machine_id: string | null;
                /** @description Attempts this row stands for: rate-limited refusals from one source are aggregated per minute */
                count: number;
                /** @description RFC 3339 UTC time */
                created_at: string;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "nodes.list.response": {
            items: {
                id: string;
                name: string;
                hostname: string;
                /** @enum {string} */
                status: "online" | "offline";
                labels: {
                    [key: string]: string;
                };
                os: string;
                os_version: string;
                kernel: string;
                arch: string;
                cpus: number;
                memory_bytes: number;
                machine_id: string;
                agent_version: string;
                addresses: string[];
                /** @description RFC 3339 UTC time */
                enrolled_at: string;
                last_seen_at: string | null;
                /** @description RFC 3339 UTC time */
                cert_expires_at: string;
                /** @description Id of the node this one duplicates (same machine id), if any */
                duplicate_of: string | null;
                /** @description Latest CPU usage (0-1), null when unknown */
                cpu_usage_ratio: number | null;
                /** @description Latest memory usage (0-1), null when unknown */
                mem_usage_ratio: number | null;
                /** @description Fullest file system's usage (0-1), null when unknown */
                fs_max_usage_ratio: number | null;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                total: number;
            };
        };
        "nodes.get.response": {
            id: string;
            name: string;
            hostname: string;
            /** @enum {string} */
            status: "online" | "offline";
            labels: {
                [key: string]: string;
            };
            os: string;
            os_version: string;
            kernel: string;
            arch: string;
            cpus: number;
            memory_bytes: number;
            machine_id: string;
            agent_version: string;
            addresses: string[];
            /** @description RFC 3339 UTC time */
            enrolled_at: string;
            last_seen_at: string | null;
            /** @description RFC 3339 UTC time */
            cert_expires_at: string;
            /** @description Id of the node this one duplicates (same machine id), if any */
            duplicate_of: string | null;
            /** @description Latest CPU usage (0-1), null when unknown */
            cpu_usage_ratio: number | null;
            /** @description Latest memory usage (0-1), null when unknown */
            mem_usage_ratio: number | null;
            /** @description Fullest file system's usage (0-1), null when unknown */
            fs_max_usage_ratio: number | null;
        };
        "nodes.update.request": {
            name?: string;
            labels?: {
                [key: string]: string;
            };
        };
        "nodes.update.response": {
            id: string;
            name: string;
            hostname: string;
            /** @enum {string} */
            status: "online" | "offline";
            labels: {
                [key: string]: string;
            };
            os: string;
            os_version: string;
            kernel: string;
            arch: string;
            cpus: number;
            memory_bytes: number;
            machine_id: string;
            agent_version: string;
            addresses: string[];
            /** @description RFC 3339 UTC time */
            enrolled_at: string;
            last_seen_at: string | null;
            /** @description RFC 3339 UTC time */
            cert_expires_at: string;
            /** @description Id of the node this one duplicates (same machine id), if any */
            duplicate_of: string | null;
            /** @description Latest CPU usage (0-1), null when unknown */
            cpu_usage_ratio: number | null;
            /** @description Latest memory usage (0-1), null when unknown */
            mem_usage_ratio: number | null;
            /** @description Fullest file system's usage (0-1), null when unknown */
            fs_max_usage_ratio: number | null;
        };
        "nodes.delete.response": {
            id: string;
            /** @constant */
            deleted: true;
            revoked_serial: string;
        };
        "fleet.status.list.response": {
            total: number;
            online: number;
            offline: number;
            by_os: {
                [key: string]: number;
            };
            by_agent_version: {
                [key: string]: number;
            };
        };
        "events.list.response": {
            items: {
                /** @description Time-sortable opaque id: later events compare greater */
                id: string;
                type: string;
                /** @description RFC 3339 UTC time */
                ts: string;
                node_id?: string;
                data: {
                    [key: string]: unknown;
                };
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "events.types.list.response": {
            items: {
                type: string;
                description: string;
            }[];
        };
        "ws.tickets.response": {
            ticket: string;
            /** @description RFC 3339 UTC time */
            expires_at: string;
        };
        "nodes.metrics.list.response": {
            node_id: string;
            since: string;
            step: number | null;
            latest_ts: string | null;
            latest: {
                [key: string]: number;
            };
            series: {
                name: string;
                labels: {
                    [key: string]: string;
                };
                points: [
                    number,
                    number
                ][];
            }[];
        };
        "containers.list.response": {
            items: {
                node_id: string;
                id: string;
                name: string;
                image: string;
                image_id: string;
                state: string;
                status: string;
                created_at: string;
                ports: {
                    ip: string;
                    private_port: number;
                    public_port: number;
                    type: string;
                }[];
                labels: {
                    [key: string]: string;
                };
                restart_count: number;
                cpu_ratio: number | null;
                mem_usage_bytes: number | null;
                mem_limit_bytes: number | null;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "nodes.containers.list.response": {
            items: {
                node_id: string;
                id: string;
                name: string;
                image: string;
                image_id: string;
                state: string;
                status: string;
                created_at: string;
                ports: {
                    ip: string;
                    private_port: number;
                    public_port: number;
                    type: string;
                }[];
                labels: {
                    [key: string]: string;
                };
                restart_count: number;
                cpu_ratio: number | null;
                mem_usage_bytes: number | null;
                mem_limit_bytes: number | null;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "scans.create.request": {
            /** @description Which nodes to scan: {node_ids: [...]}, {labels: {k: v}} or {all: true} */
            targets: {
                node_ids?: string[];
                labels?: {
                    [key: string]: string;
                };
                /** @constant */
                all?: true;
            };
            /** @description Scanner names from GET /scanners; all when absent */
            scanners?: string[];
            /** @description Scanner options: shared scalars or {"<scanner>": {...}} */
            options?: {
                [key: string]: unknown;
            };
            /** @description How long offline targets are waited for (default 3600) */
            deadline_seconds?: number;
        };
        "scans.create.response": {
            scan_id: string;
            id: string;
            /** @constant */
            status: "queued";
        };
        "scans.list.response": {
            items: {
                id: string;
                scan_id: string;
                /** @enum {string} */
                status: "queued" | "running" | "completed" | "failed" | "canceled";
                targets: {
                    node_ids?: string[];
                    labels?: {
                        [key: string]: string;
                    };
                    /** @constant */
                    all?: true;
                };
                scanners: string[];
                options: {
                    [key: string]: unknown;
                };
                requested_by: string | null;
                schedule_id: string | null;
                /** @description RFC 3339 UTC time */
                created_at: string;
                started_at: string | null;
                finished_at: string | null;
                /** @description RFC 3339 UTC time */
                deadline_at: string;
                error: string | null;
                /** @description Filled in when the scan finishes; an empty object before */
                summary: {
                    total: number;
                    by_severity: {
                        critical: number;
                        high: number;
                        medium: number;
                        low: number;
                        info: number;
                    };
                    by_scanner: {
                        [key: string]: number;
                    };
                    by_node: {
                        [key: string]: number;
                    };
                    reclaimable_bytes: number;
                    /** @description Estimated monthly savings (sum of the findings' monthly cost, rounded to cents) */
                    monthly_savings: number;
                } | Record<string, never>;
                /** @description 0-1 */
                progress: number;
                nodes: {
                    node_id: string;
                    /** @enum {string} */
                    status: "queued" | "waiting" | "running" | "succeeded" | "partial" | "failed" | "skipped" | "canceled";
                    progress: number;
                    command_id: string | null;
                    error: string | null;
                    /** @description Why a node was skipped or failed, or the scanner error of a partial result */
                    reason: string | null;
                    findings: number;
                    started_at: string | null;
                    finished_at: string | null;
                }[];
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "scans.compare.list.response": {
            new: {
                fingerprint: string;
                scanner: string;
                rule_id: string;
                node_id: string;
                resource: string;
                /** @enum {string} */
                severity: "critical" | "high" | "medium" | "low" | "info";
                title: string;
                message: string;
                evidence: unknown;
                reclaimable_bytes: number;
                monthly_cost: number;
                /**
                 * @description The triage status, or "resolved" once a later scan no longer sees it
                 * @enum {string}
                 */
                status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled" | "resolved";
                /** @enum {string} */
                triage_status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled";
                triage_note: string | null;
                triaged_by: string | null;
                triaged_at: string | null;
                /** @description RFC 3339 UTC time */
                first_seen_at: string;
                /** @description RFC 3339 UTC time */
                last_seen_at: string;
                first_scan_id: string;
                last_scan_id: string;
                resolved_at: string | null;
            }[];
            fixed: {
                fingerprint: string;
                scanner: string;
                rule_id: string;
                node_id: string;
                resource: string;
                /** @enum {string} */
                severity: "critical" | "high" | "medium" | "low" | "info";
                title: string;
                message: string;
                evidence: unknown;
                reclaimable_bytes: number;
                monthly_cost: number;
                /**
                 * @description The triage status, or "resolved" once a later scan no longer sees it
                 * @enum {string}
                 */
                status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled" | "resolved";
                /** @enum {string} */
                triage_status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled";
                triage_note: string | null;
                triaged_by: string | null;
                triaged_at: string | null;
                /** @description RFC 3339 UTC time */
                first_seen_at: string;
                /** @description RFC 3339 UTC time */
                last_seen_at: string;
                first_scan_id: string;
                last_scan_id: string;
                resolved_at: string | null;
            }[];
            unchanged: {
                fingerprint: string;
                scanner: string;
                rule_id: string;
                node_id: string;
                resource: string;
                /** @enum {string} */
                severity: "critical" | "high" | "medium" | "low" | "info";
                title: string;
                message: string;
                evidence: unknown;
                reclaimable_bytes: number;
                monthly_cost: number;
                /**
                 * @description The triage status, or "resolved" once a later scan no longer sees it
                 * @enum {string}
                 */
                status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled" | "resolved";
                /** @enum {string} */
                triage_status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled";
                triage_note: string | null;
                triaged_by: string | null;
                triaged_at: string | null;
                /** @description RFC 3339 UTC time */
                first_seen_at: string;
                /** @description RFC 3339 UTC time */
                last_seen_at: string;
                first_scan_id: string;
                last_scan_id: string;
                resolved_at: string | null;
            }[];
        };
        "scans.get.response": {
            id: string;
            scan_id: string;
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed" | "canceled";
            targets: {
                node_ids?: string[];
                labels?: {
                    [key: string]: string;
                };
                /** @constant */
                all?: true;
            };
            scanners: string[];
            options: {
                [key: string]: unknown;
            };
            requested_by: string | null;
            schedule_id: string | null;
            /** @description RFC 3339 UTC time */
            created_at: string;
            started_at: string | null;
            finished_at: string | null;
            /** @description RFC 3339 UTC time */
            deadline_at: string;
            error: string | null;
            /** @description Filled in when the scan finishes; an empty object before */
            summary: {
                total: number;
                by_severity: {
                    critical: number;
                    high: number;
                    medium: number;
                    low: number;
                    info: number;
                };
                by_scanner: {
                    [key: string]: number;
                };
                by_node: {
                    [key: string]: number;
                };
                reclaimable_bytes: number;
                /** @description Estimated monthly savings (sum of the findings' monthly cost, rounded to cents) */
                monthly_savings: number;
            } | Record<string, never>;
            /** @description 0-1 */
            progress: number;
            nodes: {
                node_id: string;
                /** @enum {string} */
                status: "queued" | "waiting" | "running" | "succeeded" | "partial" | "failed" | "skipped" | "canceled";
                progress: number;
                command_id: string | null;
                error: string | null;
                /** @description Why a node was skipped or failed, or the scanner error of a partial result */
                reason: string | null;
                findings: number;
                started_at: string | null;
                finished_at: string | null;
            }[];
        };
        "scans.cancel.response": {
            id: string;
            scan_id: string;
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed" | "canceled";
            targets: {
                node_ids?: string[];
                labels?: {
                    [key: string]: string;
                };
                /** @constant */
                all?: true;
            };
            scanners: string[];
            options: {
                [key: string]: unknown;
            };
            requested_by: string | null;
            schedule_id: string | null;
            /** @description RFC 3339 UTC time */
            created_at: string;
            started_at: string | null;
            finished_at: string | null;
            /** @description RFC 3339 UTC time */
            deadline_at: string;
            error: string | null;
            /** @description Filled in when the scan finishes; an empty object before */
            summary: {
                total: number;
                by_severity: {
                    critical: number;
                    high: number;
                    medium: number;
                    low: number;
                    info: number;
                };
                by_scanner: {
                    [key: string]: number;
                };
                by_node: {
                    [key: string]: number;
                };
                reclaimable_bytes: number;
                /** @description Estimated monthly savings (sum of the findings' monthly cost, rounded to cents) */
                monthly_savings: number;
            } | Record<string, never>;
            /** @description 0-1 */
            progress: number;
            nodes: {
                node_id: string;
                /** @enum {string} */
                status: "queued" | "waiting" | "running" | "succeeded" | "partial" | "failed" | "skipped" | "canceled";
                progress: number;
                command_id: string | null;
                error: string | null;
                /** @description Why a node was skipped or failed, or the scanner error of a partial result */
                reason: string | null;
                findings: number;
                started_at: string | null;
                finished_at: string | null;
            }[];
        };
        "scans.delete.response": {
            /** @constant */
            deleted: true;
            id: string;
        };
        "scans.findings.list.response": {
            items: {
                fingerprint: string;
                scanner: string;
                rule_id: string;
                node_id: string;
                resource: string;
                /** @enum {string} */
                severity: "critical" | "high" | "medium" | "low" | "info";
                title: string;
                message: string;
                evidence: unknown;
                reclaimable_bytes: number;
                monthly_cost: number;
                /**
                 * @description The triage status, or "resolved" once a later scan no longer sees it
                 * @enum {string}
                 */
                status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled" | "resolved";
                /** @enum {string} */
                triage_status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled";
                triage_note: string | null;
                triaged_by: string | null;
                triaged_at: string | null;
                /** @description RFC 3339 UTC time */
                first_seen_at: string;
                /** @description RFC 3339 UTC time */
                last_seen_at: string;
                first_scan_id: string;
                last_scan_id: string;
                resolved_at: string | null;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "scans.report.list.response": {
            scan: {
                id: string;
                scan_id: string;
                /** @enum {string} */
                status: "queued" | "running" | "completed" | "failed" | "canceled";
                targets: {
                    node_ids?: string[];
                    labels?: {
                        [key: string]: string;
                    };
                    /** @constant */
                    all?: true;
                };
                scanners: string[];
                options: {
                    [key: string]: unknown;
                };
                requested_by: string | null;
                schedule_id: string | null;
                /** @description RFC 3339 UTC time */
                created_at: string;
                started_at: string | null;
                finished_at: string | null;
                /** @description RFC 3339 UTC time */
                deadline_at: string;
                error: string | null;
                /** @description Filled in when the scan finishes; an empty object before */
                summary: {
                    total: number;
                    by_severity: {
                        critical: number;
                        high: number;
                        medium: number;
                        low: number;
                        info: number;
                    };
                    by_scanner: {
                        [key: string]: number;
                    };
                    by_node: {
                        [key: string]: number;
                    };
                    reclaimable_bytes: number;
                    /** @description Estimated monthly savings (sum of the findings' monthly cost, rounded to cents) */
                    monthly_savings: number;
                } | Record<string, never>;
                /** @description 0-1 */
                progress: number;
                nodes: {
                    node_id: string;
                    /** @enum {string} */
                    status: "queued" | "waiting" | "running" | "succeeded" | "partial" | "failed" | "skipped" | "canceled";
                    progress: number;
                    command_id: string | null;
                    error: string | null;
                    /** @description Why a node was skipped or failed, or the scanner error of a partial result */
                    reason: string | null;
                    findings: number;
                    started_at: string | null;
                    finished_at: string | null;
                }[];
            };
            findings: {
                fingerprint: string;
                scanner: string;
                rule_id: string;
                node_id: string;
                resource: string;
                /** @enum {string} */
                severity: "critical" | "high" | "medium" | "low" | "info";
                title: string;
                message: string;
                evidence: unknown;
                reclaimable_bytes: number;
                monthly_cost: number;
                /**
                 * @description The triage status, or "resolved" once a later scan no longer sees it
                 * @enum {string}
                 */
                status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled" | "resolved";
                /** @enum {string} */
                triage_status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled";
                triage_note: string | null;
                triaged_by: string | null;
                triaged_at: string | null;
                /** @description RFC 3339 UTC time */
                first_seen_at: string;
                /** @description RFC 3339 UTC time */
                last_seen_at: string;
                first_scan_id: string;
                last_scan_id: string;
                resolved_at: string | null;
            }[];
        };
        "findings.list.response": {
            items: {
                fingerprint: string;
                scanner: string;
                rule_id: string;
                node_id: string;
                resource: string;
                /** @enum {string} */
                severity: "critical" | "high" | "medium" | "low" | "info";
                title: string;
                message: string;
                evidence: unknown;
                reclaimable_bytes: number;
                monthly_cost: number;
                /**
                 * @description The triage status, or "resolved" once a later scan no longer sees it
                 * @enum {string}
                 */
                status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled" | "resolved";
                /** @enum {string} */
                triage_status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled";
                triage_note: string | null;
                triaged_by: string | null;
                triaged_at: string | null;
                /** @description RFC 3339 UTC time */
                first_seen_at: string;
                /** @description RFC 3339 UTC time */
                last_seen_at: string;
                first_scan_id: string;
                last_scan_id: string;
                resolved_at: string | null;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "findings.summary.list.response": {
            total: number;
            by_severity: {
                critical: number;
                high: number;
                medium: number;
                low: number;
                info: number;
            };
            by_scanner: {
                [key: string]: number;
            };
            by_node: {
                [key: string]: number;
            };
            reclaimable_bytes: number;
            /** @description Estimated monthly savings (sum of the findings' monthly cost, rounded to cents) */
            monthly_savings: number;
            /** @description Rules most severe first, then by findings affected */
            by_rule: {
                rule_id: string;
                scanner: string;
                severity: string;
                title: string;
                findings: number;
                nodes: number;
            }[];
        };
        "findings.get.response": {
            fingerprint: string;
            scanner: string;
            rule_id: string;
            node_id: string;
            resource: string;
            /** @enum {string} */
            severity: "critical" | "high" | "medium" | "low" | "info";
            title: string;
            message: string;
            evidence: unknown;
            reclaimable_bytes: number;
            monthly_cost: number;
            /**
             * @description The triage status, or "resolved" once a later scan no longer sees it
             * @enum {string}
             */
            status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled" | "resolved";
            /** @enum {string} */
            triage_status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled";
            triage_note: string | null;
            triaged_by: string | null;
            triaged_at: string | null;
            /** @description RFC 3339 UTC time */
            first_seen_at: string;
            /** @description RFC 3339 UTC time */
            last_seen_at: string;
            first_scan_id: string;
            last_scan_id: string;
            resolved_at: string | null;
        };
        "findings.update.request": {
            /** @enum {string} */
            status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled";
            note?: string;
        };
        "findings.update.response": {
            fingerprint: string;
            scanner: string;
            rule_id: string;
            node_id: string;
            resource: string;
            /** @enum {string} */
            severity: "critical" | "high" | "medium" | "low" | "info";
            title: string;
            message: string;
            evidence: unknown;
            reclaimable_bytes: number;
            monthly_cost: number;
            /**
             * @description The triage status, or "resolved" once a later scan no longer sees it
             * @enum {string}
             */
            status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled" | "resolved";
            /** @enum {string} */
            triage_status: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled";
            triage_note: string | null;
            triaged_by: string | null;
            triaged_at: string | null;
            /** @description RFC 3339 UTC time */
            first_seen_at: string;
            /** @description RFC 3339 UTC time */
            last_seen_at: string;
            first_scan_id: string;
            last_scan_id: string;
            resolved_at: string | null;
        };
        "scanners.list.response": {
            items: {
                name: string;
                description: string;
                rules: {
                    id: string;
                    title: string;
                    /** @enum {string} */
                    severity: "critical" | "high" | "medium" | "low" | "info";
                    description: string;
                    remediation: string;
                }[];
            }[];
        };
        "nodes.census.list.response": {
            id: string;
            node_id: string;
            scan_id: string;
            /** @description RFC 3339 UTC time */
            taken_at: string;
            census: {
                os?: {
                    id: string;
                    name: string;
                    version_id: string;
                    pretty_name: string;
                };
                kernel?: string;
                packages?: {
                    name: string;
                    version: string;
                }[];
                listening?: {
                    /** @enum {string} */
                    proto: "tcp" | "udp";
                    address: string;
                    port: number;
                    process: string;
                }[];
                users?: {
                    name: string;
                    uid: number;
                    shell: string;
                }[];
            };
        };
        "nodes.census.diff.list.response": {
            node_id: string;
            base: {
                id: string;
                scan_id: string;
                /** @description RFC 3339 UTC time */
                taken_at: string;
            } | null;
            head: {
                id: string;
                scan_id: string;
                /** @description RFC 3339 UTC time */
                taken_at: string;
            };
            diff: {
                packages: {
                    added: {
                        name: string;
                        version: string;
                    }[];
                    removed: {
                        name: string;
                        version: string;
                    }[];
                    changed: {
                        name: string;
                        from: string;
                        to: string;
                    }[];
                };
                listening: {
                    added: {
                        /** @enum {string} */
                        proto: "tcp" | "udp";
                        address: string;
                        port: number;
                        process: string;
                    }[];
                    removed: {
                        /** @enum {string} */
                        proto: "tcp" | "udp";
                        address: string;
                        port: number;
                        process: string;
                    }[];
                };
                users: {
                    added: {
                        name: string;
                        uid: number;
                        shell: string;
                    }[];
                    removed: {
                        name: string;
                        uid: number;
                        shell: string;
                    }[];
                };
            };
        };
        "schedules.list.response": {
            items: {
                id: string;
                name: string;
                enabled: boolean;
                interval_seconds: number | null;
                cron: string | null;
                timezone: string;
                targets: {
                    node_ids?: string[];
                    labels?: {
                        [key: string]: string;
                    };
                    /** @constant */
                    all?: true;
                };
                scanners: string[];
                created_by: string | null;
                /** @description RFC 3339 UTC time */
                created_at: string;
                /** @description RFC 3339 UTC time */
                updated_at: string;
                next_run_at: string | null;
                last_run_at: string | null;
                last_status: string | null;
                last_error: string | null;
                last_scan_id: string | null;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "schedules.create.request": {
            name: string;
            /** @description Seconds between runs; at least 1 is accepted, use 60 or more in production */
            interval_seconds?: number | null;
            /** @description 5-field cron expression, evaluated in `timezone` */
            cron?: string | null;
            /** @description IANA time zone of the cron expression (default UTC) */
            timezone?: string;
            /** @description Which nodes to scan: {node_ids: [...]}, {labels: {k: v}} or {all: true} */
            targets: {
                node_ids?: string[];
                labels?: {
                    [key: string]: string;
                };
                /** @constant */
                all?: true;
            };
            scanners?: string[];
            enabled?: boolean;
        };
        "schedules.create.response": {
            id: string;
            name: string;
            enabled: boolean;
            interval_seconds: number | null;
            cron: string | null;
            timezone: string;
            targets: {
                node_ids?: string[];
                labels?: {
                    [key: string]: string;
                };
                /** @constant */
                all?: true;
            };
            scanners: string[];
            created_by: string | null;
            /** @description RFC 3339 UTC time */
            created_at: string;
            /** @description RFC 3339 UTC time */
            updated_at: string;
            next_run_at: string | null;
            last_run_at: string | null;
            last_status: string | null;
            last_error: string | null;
            last_scan_id: string | null;
        };
        "schedules.get.response": {
            id: string;
            name: string;
            enabled: boolean;
            interval_seconds: number | null;
            cron: string | null;
            timezone: string;
            targets: {
                node_ids?: string[];
                labels?: {
                    [key: string]: string;
                };
                /** @constant */
                all?: true;
            };
            scanners: string[];
            created_by: string | null;
            /** @description RFC 3339 UTC time */
            created_at: string;
            /** @description RFC 3339 UTC time */
            updated_at: string;
            next_run_at: string | null;
            last_run_at: string | null;
            last_status: string | null;
            last_error: string | null;
            last_scan_id: string | null;
        };
        "schedules.update.request": {
            name?: string;
            /** @description Seconds between runs; at least 1 is accepted, use 60 or more in production */
            interval_seconds?: number | null;
            /** @description 5-field cron expression, evaluated in `timezone` */
            cron?: string | null;
            /** @description IANA time zone of the cron expression (default UTC) */
            timezone?: string;
            /** @description Which nodes to scan: {node_ids: [...]}, {labels: {k: v}} or {all: true} */
            targets?: {
                node_ids?: string[];
                labels?: {
                    [key: string]: string;
                };
                /** @constant */
                all?: true;
            };
            scanners?: string[];
            enabled?: boolean;
        };
        "schedules.update.response": {
            id: string;
            name: string;
            enabled: boolean;
            interval_seconds: number | null;
            cron: string | null;
            timezone: string;
            targets: {
                node_ids?: string[];
                labels?: {
                    [key: string]: string;
                };
                /** @constant */
                all?: true;
            };
            scanners: string[];
            created_by: string | null;
            /** @description RFC 3339 UTC time */
            created_at: string;
            /** @description RFC 3339 UTC time */
            updated_at: string;
            next_run_at: string | null;
            last_run_at: string | null;
            last_status: string | null;
            last_error: string | null;
            last_scan_id: string | null;
        };
        "schedules.delete.response": {
            /** @constant */
            deleted: true;
            id: string;
        };
        "schedules.run.response": {
            scan_id: string;
            id: string;
            /** @constant */
            status: "queued";
        };
        "commands.list.response": {
            items: {
                id: string;
                node_id: string;
                kind: string;
                /** @enum {string} */
                status: "pending" | "sent" | "running" | "succeeded" | "failed" | "timed_out" | "canceled";
                params: {
                    [key: string]: unknown;
                };
                requested_by: string | null;
                request_id: string | null;
                created_at: string;
                sent_at: string | null;
                started_at: string | null;
                finished_at: string | null;
                timeout_ms: number;
                result: unknown;
                error_code: string | null;
                error_message: string | null;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "commands.get.response": {
            id: string;
            node_id: string;
            kind: string;
            /** @enum {string} */
            status: "pending" | "sent" | "running" | "succeeded" | "failed" | "timed_out" | "canceled";
            params: {
                [key: string]: unknown;
            };
            requested_by: string | null;
            request_id: string | null;
            created_at: string;
            sent_at: string | null;
            started_at: string | null;
            finished_at: string | null;
            timeout_ms: number;
            result: unknown;
            error_code: string | null;
            error_message: string | null;
        };
        "containers.action.request": {
            /** @enum {string} */
            action: "start" | "stop" | "restart";
            /** @description Grace period before the engine kills the container (stop, restart) */
            stop_timeout_seconds?: number;
            /** @description Command timeout (default: grace period + 15 s) */
            timeout_seconds?: number;
        };
        "containers.action.response": {
            id: string;
            node_id: string;
            kind: string;
            /** @enum {string} */
            status: "pending" | "sent" | "running" | "succeeded" | "failed" | "timed_out" | "canceled";
            params: {
                [key: string]: unknown;
            };
            requested_by: string | null;
            request_id: string | null;
            created_at: string;
            sent_at: string | null;
            started_at: string | null;
            finished_at: string | null;
            timeout_ms: number;
            result: unknown;
            error_code: string | null;
            error_message: string | null;
        };
        "nodes.containers.logs.list.response": {
            lines: {
                /** @enum {string} */
                stream: "stdout" | "stderr";
                text: string;
                ts: string;
            }[];
            truncated: boolean;
        };
        "webhooks.list.response": {
            items: {
                id: string;
                name: string;
                url: string;
                enabled: boolean;
                event_types: string[];
                /** @description Label selector k=v,k2=v2 */
                labels: string | null;
                failing_since: string | null;
                disabled_reason: string | null;
                /** @description Until when the secret replaced by the last rotation still signs */
                previous_secret_expires_at: string | null;
                created_at: string | null;
                updated_at: string | null;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "webhooks.create.request": {
            name: string;
            /** @description http(s) URL; no user:password part; loopback/private hosts need FLOTILLA_WEBHOOK_ALLOWED_HOSTS */
            url: string;
            /** @description Event type globs, e.g. ["node.*", "scan.completed"] */
            event_types: string[];
            /** @description Label selector k=v,k2=v2: only events of matching nodes */
            labels?: string | null;
            enabled?: boolean;
            /** @description whsec_ + base64; generated when absent */
            secret?: string;
        };
        "webhooks.create.response": {
            id: string;
            name: string;
            url: string;
            enabled: boolean;
            event_types: string[];
            /** @description Label selector k=v,k2=v2 */
            labels: string | null;
            failing_since: string | null;
            disabled_reason: string | null;
            /** @description Until when the secret replaced by the last rotation still signs */
            previous_secret_expires_at: string | null;
            created_at: string | null;
            updated_at: string | null;
            /** @description whsec_ + base64 (Standard Webhooks) */
            secret: string;
        };
        "webhooks.get.response": {
            id: string;
            name: string;
            url: string;
            enabled: boolean;
            event_types: string[];
            /** @description Label selector k=v,k2=v2 */
            labels: string | null;
            failing_since: string | null;
            disabled_reason: string | null;
            /** @description Until when the secret replaced by the last rotation still signs */
            previous_secret_expires_at: string | null;
            created_at: string | null;
            updated_at: string | null;
        };
        "webhooks.update.request": {
            name?: string;
            /** @description http(s) URL; no user:password part; loopback/private hosts need FLOTILLA_WEBHOOK_ALLOWED_HOSTS */
            url?: string;
            /** @description Event type globs, e.g. ["node.*", "scan.completed"] */
            event_types?: string[];
            /** @description Label selector k=v,k2=v2: only events of matching nodes */
            labels?: string | null;
            enabled?: boolean;
        };
        "webhooks.update.response": {
            id: string;
            name: string;
            url: string;
            enabled: boolean;
            event_types: string[];
            /** @description Label selector k=v,k2=v2 */
            labels: string | null;
            failing_since: string | null;
            disabled_reason: string | null;
            /** @description Until when the secret replaced by the last rotation still signs */
            previous_secret_expires_at: string | null;
            created_at: string | null;
            updated_at: string | null;
        };
        "webhooks.delete.response": {
            /** @constant */
            deleted: true;
        };
        "webhooks.deliveries.list.response": {
            items: {
                id: string;
                webhook_id: string;
                event_id: string;
                event_type: string;
                /** @enum {string} */
                status: "pending" | "succeeded" | "dead";
                attempt_count: number;
                next_attempt_at: string | null;
                created_at: string | null;
                finished_at: string | null;
                request_body: string;
                attempts: {
                    at: string | null;
                    status_code: number | null;
                    latency_ms: number | null;
                    error: string | null;
                    request_headers: {
                        [key: string]: string;
                    };
                    response_headers: {
                        [key: string]: string;
                    } | null;
                    response_body: string | null;
                }[];
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "webhooks.test.response": {
            delivery_id: string;
        };
        "webhooks.deliveries.redeliver.response": {
            delivery_id: string;
        };
        "webhooks.rotate-secret.request": {
            /** @description whsec_ + base64; generated when absent */
            secret?: string;
        };
        "webhooks.rotate-secret.response": {
            id: string;
            name: string;
            url: string;
            enabled: boolean;
            event_types: string[];
            /** @description Label selector k=v,k2=v2 */
            labels: string | null;
            failing_since: string | null;
            disabled_reason: string | null;
            /** @description Until when the secret replaced by the last rotation still signs */
            previous_secret_expires_at: string | null;
            created_at: string | null;
            updated_at: string | null;
            /** @description whsec_ + base64 (Standard Webhooks) */
            secret: string;
        };
        "notification-channels.list.response": {
            items: {
                id: string;
                name: string;
                /** @enum {string} */
                kind: "email" | "slack" | "discord" | "webhook";
                config: {
                    to?: string[];
                    url?: string;
                };
                /** @description RFC 3339 UTC time */
                created_at: string;
                /** @description RFC 3339 UTC time */
                updated_at: string;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "notification-channels.create.request": {
            name: string;
            /** @enum {string} */
            kind: "email" | "slack" | "discord" | "webhook";
            config: {
                /** @description email: recipient addresses */
                to?: string[];
                /** @description slack, discord, webhook: the incoming-webhook URL */
                url?: string;
            };
        };
        "notification-channels.create.response": {
            id: string;
            name: string;
            /** @enum {string} */
            kind: "email" | "slack" | "discord" | "webhook";
            config: {
                to?: string[];
                url?: string;
            };
            /** @description RFC 3339 UTC time */
            created_at: string;
            /** @description RFC 3339 UTC time */
            updated_at: string;
        };
        "notification-channels.get.response": {
            id: string;
            name: string;
            /** @enum {string} */
            kind: "email" | "slack" | "discord" | "webhook";
            config: {
                to?: string[];
                url?: string;
            };
            /** @description RFC 3339 UTC time */
            created_at: string;
            /** @description RFC 3339 UTC time */
            updated_at: string;
        };
        "notification-channels.update.request": {
            name?: string;
            /** @enum {string} */
            kind?: "email" | "slack" | "discord" | "webhook";
            config?: {
                /** @description email: recipient addresses */
                to?: string[];
                /** @description slack, discord, webhook: the incoming-webhook URL */
                url?: string;
            };
        };
        "notification-channels.update.response": {
            id: string;
            name: string;
            /** @enum {string} */
            kind: "email" | "slack" | "discord" | "webhook";
            config: {
                to?: string[];
                url?: string;
            };
            /** @description RFC 3339 UTC time */
            created_at: string;
            /** @description RFC 3339 UTC time */
            updated_at: string;
        };
        "notification-channels.delete.response": {
            /** @constant */
            deleted: true;
        };
        "notification-channels.test.response": {
            /** @constant */
            ok: true;
        };
        "alert-rules.list.response": {
            items: {
                id: string;
                name: string;
                /** @enum {string} */
                kind: "node_offline" | "group_offline_ratio" | "metric_threshold" | "container_down" | "finding_opened" | "scan_failed" | "enrollment_rejections" | "cert_expiring";
                /** @enum {string} */
                severity: "critical" | "high" | "medium" | "low" | "info";
                for_seconds: number;
                labels: string | null;
                /** @description Kind parameters */
                params: {
                    metric?: string;
                    threshold?: number;
                    ratio?: number;
                    container?: string;
                    restarts?: number;
                    /** @enum {string} */
                    min_severity?: "critical" | "high" | "medium" | "low" | "info";
                    count?: number;
                    window_seconds?: number;
                    days?: number;
                };
                channel_ids: string[];
                repeat_seconds: number;
                enabled: boolean;
                builtin: boolean;
                created_at: string | null;
                updated_at: string | null;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "alert-rules.create.request": {
            name: string;
            /** @enum {string} */
            kind: "node_offline" | "group_offline_ratio" | "metric_threshold" | "container_down" | "finding_opened" | "scan_failed" | "enrollment_rejections" | "cert_expiring";
            /** @enum {string} */
            severity: "critical" | "high" | "medium" | "low" | "info";
            /** @description How long the condition must hold before the alert fires */
            for_seconds: number;
            /** @description Label selector k=v,k2=v2 scoping the rule */
            labels?: string | null;
            /** @description Kind parameters: metric/threshold, ratio, container/restarts/window_seconds, min_severity, count/window_seconds, days */
            params?: {
                [key: string]: unknown;
            };
            channel_ids?: string[];
            /** @description Notify again while firing (0: never) */
            repeat_seconds?: number;
            enabled?: boolean;
        };
        "alert-rules.create.response": {
            id: string;
            name: string;
            /** @enum {string} */
            kind: "node_offline" | "group_offline_ratio" | "metric_threshold" | "container_down" | "finding_opened" | "scan_failed" | "enrollment_rejections" | "cert_expiring";
            /** @enum {string} */
            severity: "critical" | "high" | "medium" | "low" | "info";
            for_seconds: number;
            labels: string | null;
            /** @description Kind parameters */
            params: {
                metric?: string;
                threshold?: number;
                ratio?: number;
                container?: string;
                restarts?: number;
                /** @enum {string} */
                min_severity?: "critical" | "high" | "medium" | "low" | "info";
                count?: number;
                window_seconds?: number;
                days?: number;
            };
            channel_ids: string[];
            repeat_seconds: number;
            enabled: boolean;
            builtin: boolean;
            created_at: string | null;
            updated_at: string | null;
        };
        "alert-rules.get.response": {
            id: string;
            name: string;
            /** @enum {string} */
            kind: "node_offline" | "group_offline_ratio" | "metric_threshold" | "container_down" | "finding_opened" | "scan_failed" | "enrollment_rejections" | "cert_expiring";
            /** @enum {string} */
            severity: "critical" | "high" | "medium" | "low" | "info";
            for_seconds: number;
            labels: string | null;
            /** @description Kind parameters */
            params: {
                metric?: string;
                threshold?: number;
                ratio?: number;
                container?: string;
                restarts?: number;
                /** @enum {string} */
                min_severity?: "critical" | "high" | "medium" | "low" | "info";
                count?: number;
                window_seconds?: number;
                days?: number;
            };
            channel_ids: string[];
            repeat_seconds: number;
            enabled: boolean;
            builtin: boolean;
            created_at: string | null;
            updated_at: string | null;
        };
        "alert-rules.update.request": {
            name?: string;
            /** @enum {string} */
            kind?: "node_offline" | "group_offline_ratio" | "metric_threshold" | "container_down" | "finding_opened" | "scan_failed" | "enrollment_rejections" | "cert_expiring";
            /** @enum {string} */
            severity?: "critical" | "high" | "medium" | "low" | "info";
            /** @description How long the condition must hold before the alert fires */
            for_seconds?: number;
            /** @description Label selector k=v,k2=v2 scoping the rule */
            labels?: string | null;
            /** @description Kind parameters: metric/threshold, ratio, container/restarts/window_seconds, min_severity, count/window_seconds, days */
            params?: {
                [key: string]: unknown;
            };
            channel_ids?: string[];
            /** @description Notify again while firing (0: never) */
            repeat_seconds?: number;
            enabled?: boolean;
        };
        "alert-rules.update.response": {
            id: string;
            name: string;
            /** @enum {string} */
            kind: "node_offline" | "group_offline_ratio" | "metric_threshold" | "container_down" | "finding_opened" | "scan_failed" | "enrollment_rejections" | "cert_expiring";
            /** @enum {string} */
            severity: "critical" | "high" | "medium" | "low" | "info";
            for_seconds: number;
            labels: string | null;
            /** @description Kind parameters */
            params: {
                metric?: string;
                threshold?: number;
                ratio?: number;
                container?: string;
                restarts?: number;
                /** @enum {string} */
                min_severity?: "critical" | "high" | "medium" | "low" | "info";
                count?: number;
                window_seconds?: number;
                days?: number;
            };
            channel_ids: string[];
            repeat_seconds: number;
            enabled: boolean;
            builtin: boolean;
            created_at: string | null;
            updated_at: string | null;
        };
        "alert-rules.delete.response": {
            /** @constant */
            deleted: true;
        };
        "alerts.list.response": {
            items: {
                id: string;
                rule_id: string;
                subject: string;
                node_id: string | null;
                /** @enum {string} */
                severity: "critical" | "high" | "medium" | "low" | "info";
                /** @enum {string} */
                state: "firing" | "acknowledged" | "resolved";
                summary: string;
                details: {
                    [key: string]: unknown;
                };
                fired_at: string | null;
                acknowledged_at: string | null;
                acknowledged_by: string | null;
                resolved_at: string | null;
                resolved_by: string | null;
                last_notified_at: string | null;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "alerts.acknowledge.response": {
            id: string;
            rule_id: string;
            subject: string;
            node_id: string | null;
            /** @enum {string} */
            severity: "critical" | "high" | "medium" | "low" | "info";
            /** @enum {string} */
            state: "firing" | "acknowledged" | "resolved";
            summary: string;
            details: {
                [key: string]: unknown;
            };
            fired_at: string | null;
            acknowledged_at: string | null;
            acknowledged_by: string | null;
            resolved_at: string | null;
            resolved_by: string | null;
            last_notified_at: string | null;
        };
        "alerts.resolve.response": {
            id: string;
            rule_id: string;
            subject: string;
            node_id: string | null;
            /** @enum {string} */
            severity: "critical" | "high" | "medium" | "low" | "info";
            /** @enum {string} */
            state: "firing" | "acknowledged" | "resolved";
            summary: string;
            details: {
                [key: string]: unknown;
            };
            fired_at: string | null;
            acknowledged_at: string | null;
            acknowledged_by: string | null;
            resolved_at: string | null;
            resolved_by: string | null;
            last_notified_at: string | null;
        };
        "silences.list.response": {
            items: {
                id: string;
                rule_id: string | null;
                labels: string | null;
                comment: string | null;
                created_by: string | null;
                starts_at: string | null;
                ends_at: string | null;
                active: boolean;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "silences.create.request": {
            rule_id?: string;
            labels?: string;
            /** @description RFC 3339 end time */
            ends_at: string;
            comment?: string;
        };
        "silences.create.response": {
            id: string;
            rule_id: string | null;
            labels: string | null;
            comment: string | null;
            created_by: string | null;
            starts_at: string | null;
            ends_at: string | null;
            active: boolean;
        };
        "silences.delete.response": {
            /** @constant */
            deleted: true;
        };
        "notifications.list.response": {
            items: {
                id: string;
                kind: string;
                title: string;
                link: string | null;
                read: boolean;
                read_at: string | null;
                created_at: string | null;
            }[];
            page: {
                limit: number;
                next_cursor: string | null;
                has_more: boolean;
                /** @description Every matching item, where the list counts them */
                total?: number;
            };
        };
        "notifications.unread-count.list.response": {
            count: number;
        };
        "notifications.read.response": {
            /** @constant */
            read: true;
        };
        "notifications.read-all.response": {
            marked: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "health.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["health.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "ready.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ready.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "metrics.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "openapijson.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["openapijson.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "docs.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.setup.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["auth.setup.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["auth.setup.request"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["auth.setup.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["auth.login.request"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["auth.login.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["auth.refresh.request"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["auth.refresh.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.me.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["auth.me.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.me.password.update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["auth.me.password.update.request"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "users.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["users.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "users.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["users.create.request"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["users.create.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "users.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["users.get.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "users.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "users.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["users.update.request"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["users.update.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "api-keys.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
                user_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["api-keys.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "api-keys.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["api-keys.create.request"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["api-keys.create.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "api-keys.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "audit.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
                /** @description Actor name or id */
                actor?: string;
                /** @description Exact action, or a prefix ending in * */
                action?: string;
                /** @description RFC 3339 time */
                since?: string;
                /** @description What the entry acted on, e.g. a node id */
                target_id?: string;
                /** @description Search action, actor, target and details */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["audit.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "enrollment-tokens.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["enrollment-tokens.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "enrollment-tokens.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["enrollment-tokens.create.request"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["enrollment-tokens.create.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "enrollment-tokens.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["enrollment-tokens.get.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "enrollment-tokens.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["enrollment-tokens.delete.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "enrollment-attempts.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
                outcome?: "ok" | "token_unknown" | "bad_secret" | "token_expired" | "token_revoked" | "token_exhausted" | "rate_limited" | "invalid_request";
                token_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["enrollment-attempts.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "nodes.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
                status?: "online" | "offline";
                labels?: string;
                q?: string;
                /** @description Sort column; cpu, memory and disk are the latest figures (unknown last). Sorted lists are offset paged */
                sort?: "name" | "hostname" | "status" | "os" | "agent_version" | "last_seen" | "enrolled" | "cpu" | "memory" | "disk";
                /** @description Sort direction (default asc) */
                order?: "asc" | "desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["nodes.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "nodes.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["nodes.get.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "nodes.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["nodes.delete.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "nodes.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["nodes.update.request"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["nodes.update.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "fleet.status.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["fleet.status.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "events.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
                type?: string;
                node_id?: string;
                since?: string;
                /** @description Search type, node id and event data */
                q?: string;
                /** @description Time order (default desc: newest first) */
                order?: "asc" | "desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["events.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "events.types.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["events.types.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "pki.capem.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-pem-file": string;
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "installsh.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/x-shellscript": string;
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.flotilla-workermjs.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/javascript": string;
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.flotilla-workermjssha256.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.flotilla-worker-linux-x64.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.flotilla-worker-linux-x64sha256.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.flotilla-worker-linux-arm64.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.flotilla-worker-linux-arm64sha256.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "ws.tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ws.tickets.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "nodes.metrics.list": {
        parameters: {
            query?: {
                /** @description Comma-separated metric names; a trailing * matches a prefix (fs.*) */
                names?: string;
                /** @description RFC 3339 time or a relative duration such as -15m (default: the whole retention window) */
                since?: string;
                /** @description Downsample to one averaged point per step seconds */
                step?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["nodes.metrics.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "containers.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
                node_id?: string;
                state?: "created" | "running" | "paused" | "restarting" | "removing" | "exited" | "dead";
                image?: string;
                /** @description Search name, image and id */
                q?: string;
                /** @description Sort column; cpu and memory are the latest figures (unknown last). Sorted lists are offset paged */
                sort?: "name" | "node" | "image" | "state" | "status" | "created" | "restarts" | "cpu" | "memory";
                /** @description Sort direction (default asc) */
                order?: "asc" | "desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["containers.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "nodes.containers.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
                /** @description Search name, image and id */
                q?: string;
                /** @description Sort column; cpu and memory are the latest figures (unknown last). Sorted lists are offset paged */
                sort?: "name" | "node" | "image" | "state" | "status" | "created" | "restarts" | "cpu" | "memory";
                /** @description Sort direction (default asc) */
                order?: "asc" | "desc";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["nodes.containers.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "scans.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["scans.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "scans.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["scans.create.request"];
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["scans.create.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "scans.compare.list": {
        parameters: {
            query: {
                base: string;
                head: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["scans.compare.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "scans.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["scans.get.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "scans.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["scans.delete.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "scans.cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["scans.cancel.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "scans.findings.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["scans.findings.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "scans.report.list": {
        parameters: {
            query?: {
                format?: "json" | "csv" | "html";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["scans.report.list.response"];
                    "text/csv": string;
                    "text/html": string;
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "findings.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
                severity?: "critical" | "high" | "medium" | "low" | "info";
                scanner?: string;
                node_id?: string;
                /** @description Triage status, resolved, or all; current (unresolved) findings by default */
                status?: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled" | "resolved" | "all";
                rule_id?: string;
                /** @description Search title, rule, resource, message and node id */
                q?: string;
                /** @description Sort column; severity desc lists critical first. Sorted lists are offset paged */
                sort?: "severity" | "title" | "rule" | "node" | "resource" | "status" | "last_seen" | "savings";
                /** @description Sort direction (default asc) */
                order?: "asc" | "desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["findings.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "findings.summary.list": {
        parameters: {
            query?: {
                severity?: "critical" | "high" | "medium" | "low" | "info";
                scanner?: string;
                node_id?: string;
                /** @description Triage status, resolved, or all; current (unresolved) findings by default */
                status?: "open" | "acknowledged" | "false_positive" | "accepted_risk" | "handled" | "resolved" | "all";
                rule_id?: string;
                /** @description Search title, rule, resource, message and node id */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["findings.summary.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "findings.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fingerprint: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["findings.get.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "findings.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fingerprint: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["findings.update.request"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["findings.update.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "scanners.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["scanners.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "nodes.census.list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["nodes.census.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "nodes.census.diff.list": {
        parameters: {
            query?: {
                base?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["nodes.census.diff.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "schedules.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["schedules.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "schedules.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["schedules.create.request"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["schedules.create.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "schedules.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["schedules.get.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "schedules.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["schedules.delete.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "schedules.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["schedules.update.request"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["schedules.update.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "schedules.run": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["schedules.run.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "commands.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
                node_id?: string;
                status?: "pending" | "sent" | "running" | "succeeded" | "failed" | "timed_out" | "canceled";
                kind?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["commands.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "commands.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["commands.get.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "containers.action": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                cid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["containers.action.request"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["containers.action.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "nodes.containers.logs.list": {
        parameters: {
            query?: {
                /** @description Lines from the end (0 = none before `since`, max 10000) */
                tail?: number;
                since?: string;
            };
            header?: never;
            path: {
                id: string;
                cid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["nodes.containers.logs.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhooks.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["webhooks.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhooks.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["webhooks.create.request"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["webhooks.create.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhooks.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["webhooks.get.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhooks.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["webhooks.delete.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhooks.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["webhooks.update.request"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["webhooks.update.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhooks.deliveries.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["webhooks.deliveries.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhooks.test": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["webhooks.test.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhooks.deliveries.redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                delivery_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["webhooks.deliveries.redeliver.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhooks.rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["webhooks.rotate-secret.request"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["webhooks.rotate-secret.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "notification-channels.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["notification-channels.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "notification-channels.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["notification-channels.create.request"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["notification-channels.create.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "notification-channels.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["notification-channels.get.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "notification-channels.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["notification-channels.delete.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "notification-channels.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["notification-channels.update.request"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["notification-channels.update.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "notification-channels.test": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["notification-channels.test.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "alert-rules.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["alert-rules.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "alert-rules.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["alert-rules.create.request"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["alert-rules.create.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "alert-rules.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["alert-rules.get.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "alert-rules.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["alert-rules.delete.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "alert-rules.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["alert-rules.update.request"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["alert-rules.update.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "alerts.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
                state?: "firing" | "acknowledged" | "resolved";
                severity?: "critical" | "high" | "medium" | "low" | "info";
                node_id?: string;
                rule_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["alerts.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "alerts.acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["alerts.acknowledge.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "alerts.resolve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["alerts.resolve.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "silences.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["silences.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "silences.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["silences.create.request"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["silences.create.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "silences.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["silences.delete.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "notifications.list": {
        parameters: {
            query?: {
                /** @description Page size (1-500) */
                limit?: number;
                /** @description Opaque cursor from page.next_cursor */
                cursor?: string;
                unread?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["notifications.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "notifications.unread-count.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["notifications.unread-count.list.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "notifications.read": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["notifications.read.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "notifications.read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["notifications.read-all.response"];
                };
            };
            /** @description Invalid argument */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unauthenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Permission denied */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
