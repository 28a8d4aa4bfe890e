import { createFileRegistry, fromBinary, toBinary, type DescFile, type DescMessage } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema, FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";

/** DescriptorIndex answers reflection lookups with serialized FileDescriptorProtos. */
export interface DescriptorIndex {
  /** Every service in the set, by full name. */
  services: string[];
  /** The file and its transitive imports, or undefined. */
  byFile(name: string): Uint8Array[] | undefined;
  /** The file defining a message, enum, service, method or extension, with its imports. */
  bySymbol(symbol: string): Uint8Array[] | undefined;
  byExtension(extendee: string, number: number): Uint8Array[] | undefined;
  /** Extension numbers declared for a message, or undefined when it is unknown. */
  extensionNumbers(typeName: string): number[] | undefined;
}

/** descriptorIndex indexes a serialized FileDescriptorSet (duplicated files are kept once). */
export function descriptorIndex(bytes: Uint8Array): DescriptorIndex {
  const set = fromBinary(FileDescriptorSetSchema, bytes);
  const seen = new Set<string>();
  set.file = set.file.filter((f) => !seen.has(f.name) && seen.add(f.name));
  const encoded = new Map(set.file.map((f) => [f.name, toBinary(FileDescriptorProtoSchema, f)]));
  const registry = createFileRegistry(set);
  const symbols = new Map<string, DescFile>();
  const extensions = new Map<string, DescFile>();
  const extNumbers = new Map<string, number[]>();
  const services: string[] = [];
  const addMessage = (m: DescMessage) => {
    symbols.set(m.typeName, m.file);
    m.nestedMessages.forEach(addMessage);
    m.nestedEnums.forEach((e) => symbols.set(e.typeName, e.file));
  };
  for (const file of registry.files) {
    file.messages.forEach(addMessage);
    file.enums.forEach((e) => symbols.set(e.typeName, file));
    for (const s of file.services) {
      services.push(s.typeName);
      symbols.set(s.typeName, file);
      for (const m of s.methods) symbols.set(`${s.typeName}.${m.name}`, file);
    }
    for (const x of file.extensions) {
      symbols.set(x.typeName, file);
      extensions.set(`${x.extendee.typeName}:${x.number}`, file);
      extNumbers.set(x.extendee.typeName, [...(extNumbers.get(x.extendee.typeName) ?? []), x.number]);
    }
  }
  const closure = (file: DescFile | undefined): Uint8Array[] | undefined => {
    if (!file) return undefined;
    const out: DescFile[] = [];
    const visit = (f: DescFile) => {
      if (out.includes(f)) return;
      out.push(f);
      f.dependencies.forEach(visit);
    };
    visit(file);
    return out.map((f) => encoded.get(f.proto.name)!);
  };
  return {
    services: services.sort(),
    byFile: (name) => closure(registry.getFile(name)),
    bySymbol: (symbol) => closure(symbols.get(symbol.replace(/^\./, ""))),
    byExtension: (extendee, number) => closure(extensions.get(`${extendee.replace(/^\./, "")}:${number}`)),
    extensionNumbers: (typeName) => (registry.getMessage(typeName) ? (extNumbers.get(typeName) ?? []) : undefined),
  };
}
