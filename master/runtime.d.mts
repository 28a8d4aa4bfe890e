export declare const MASTER_NODE_FLAGS: string[];
export declare const MASTER_ENV: Record<string, string>;
