"""Resolves the master's gRPC reflection answers in a strict descriptor pool.

Uses python3-grpcio and the C++ protobuf descriptor pool (Debian packages):
every service is looked up by symbol, every given file by name, and each is
added to a fresh DescriptorPool, which rejects malformed descriptors (map
entries not named <Field>Entry, files that do not match their imports).
Prints one JSON summary line; exits non-zero on the first failure.
"""
import json
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.internal import api_implementation

T_STRING, T_BYTES, T_INT32, T_MESSAGE = 9, 12, 5, 11
OPTIONAL, REPEATED = 1, 3


def reflection_messages():
    """The parts of grpc/reflection/v1/reflection.proto the client needs."""
    f = descriptor_pb2.FileDescriptorProto(name="reflection_client.proto", package="grpc.reflection.v1", syntax="proto3")

    def msg(name, fields, oneof=None):
        m = f.message_type.add(name=name)
        if oneof:
            m.oneof_decl.add(name=oneof)
        for (fname, num, typ, label, type_name, in_oneof) in fields:
            fd = m.field.add(name=fname, number=num, type=typ, label=label)
            if type_name:
                fd.type_name = ".grpc.reflection.v1." + type_name
            if in_oneof:
                fd.oneof_index = 0

    msg("ServerReflectionRequest", [
        ("host", 1, T_STRING, OPTIONAL, None, False),
        ("file_by_filename", 3, T_STRING, OPTIONAL, None, True),
        ("file_containing_symbol", 4, T_STRING, OPTIONAL, None, True),
        ("list_services", 7, T_STRING, OPTIONAL, None, True),
    ], oneof="message_request")
    msg("FileDescriptorResponse", [("file_descriptor_proto", 1, T_BYTES, REPEATED, None, False)])
    msg("ServiceResponse", [("name", 1, T_STRING, OPTIONAL, None, False)])
    msg("ListServiceResponse", [("service", 1, T_MESSAGE, REPEATED, "ServiceResponse", False)])
    msg("ErrorResponse", [("error_code", 1, T_INT32, OPTIONAL, None, False), ("error_message", 2, T_STRING, OPTIONAL, None, False)])
    msg("ServerReflectionResponse", [
        ("valid_host", 1, T_STRING, OPTIONAL, None, False),
        ("file_descriptor_response", 4, T_MESSAGE, OPTIONAL, "FileDescriptorResponse", True),
        ("list_services_response", 6, T_MESSAGE, OPTIONAL, "ListServiceResponse", True),
        ("error_response", 7, T_MESSAGE, OPTIONAL, "ErrorResponse", True),
    ], oneof="message_response")
    pool = descriptor_pool.DescriptorPool()
    pool.Add(f)
    factory = message_factory.MessageFactory(pool)
    get = lambda n: factory.GetPrototype(pool.FindMessageTypeByName("grpc.reflection.v1." + n))
    return get("ServerReflectionRequest"), get("ServerReflectionResponse")


def _has(pool, name):
    try:
        pool.FindFileByName(name)
        return True
    except KeyError:
        return False


def main():
    addr, ca_file, server_name = sys.argv[1:4]
    files = sys.argv[4:]
    Request, Response = reflection_messages()
    with open(ca_file, "rb") as fh:
        creds = grpc.ssl_channel_credentials(fh.read())
    channel = grpc.secure_channel(addr, creds, options=[("grpc.ssl_target_name_override", server_name)])
    call = channel.stream_stream(
        "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
        request_serializer=Request.SerializeToString,
        response_deserializer=Response.FromString,
    )

    def ask(**kw):
        return next(call(iter([Request(**kw)]), timeout=10))

    def load(pool, response, what):
        if response.HasField("error_response"):
            raise SystemExit(f"{what}: error {response.error_response.error_code} {response.error_response.error_message}")
        # The answer is the file first, then its transitive imports; add each
        # file once all of its imports are in the pool.
        files = [descriptor_pb2.FileDescriptorProto.FromString(b) for b in response.file_descriptor_response.file_descriptor_proto]
        have = lambda n: _has(pool, n)
        pending = [f for f in files if not have(f.name)]
        while pending:
            ready = [f for f in pending if all(have(d) for d in f.dependency)]
            if not ready:
                raise SystemExit(f"{what}: imports missing from the answer: {[d for f in pending for d in f.dependency if not have(d)]}")
            for f in ready:
                pool.Add(f)
            pending = [f for f in pending if f not in ready]
        return files[0].name

    summary = {"implementation": api_implementation.Type(), "services": {}, "files": {}, "map_entries": [], "messages": 0}
    services = [s.name for s in ask(list_services="").list_services_response.service]
    for name in services:
        pool = descriptor_pool.DescriptorPool()
        file_name = load(pool, ask(file_containing_symbol=name), name)
        svc = pool.FindServiceByName(name)
        for m in svc.methods:
            pool.FindMessageTypeByName(m.input_type.full_name)
            pool.FindMessageTypeByName(m.output_type.full_name)
        summary["services"][name] = {"file": file_name, "methods": len(svc.methods)}

    def walk(pool, msg):
        summary["messages"] += 1
        if pool.FindMessageTypeByName(msg.full_name) is not msg:
            raise SystemExit(f"{msg.full_name} does not resolve to itself")
        if msg.GetOptions().map_entry:
            summary["map_entries"].append(msg.full_name)
        for nested in msg.nested_types:
            walk(pool, nested)

    for name in files:
        pool = descriptor_pool.DescriptorPool()
        load(pool, ask(file_by_filename=name), name)
        fd = pool.FindFileByName(name)
        for msg in fd.message_types_by_name.values():
            walk(pool, msg)
        summary["files"][name] = sorted(fd.message_types_by_name) + sorted(fd.services_by_name)

    missing = ask(file_by_filename="flotilla/v1/no-such.proto")
    summary["unknown_file_error"] = missing.error_response.error_code
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
