/** Mount is one line of /proc/self/mounts. */
export interface Mount {
  device: string;
  mountPoint: string;
  fsType: string;
  options: string[];
}

/** parseMounts parses /proc/self/mounts, decoding octal escapes such as "\040" (space). */
export function parseMounts(text: string): Mount[] {
  const out: Mount[] = [];
  for (const line of text.split("\n")) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 4) continue;
    out.push({
      device: unescapeOctal(parts[0]!),
      mountPoint: unescapeOctal(parts[1]!),
      fsType: parts[2]!,
      options: parts[3]!.split(","),
    });
  }
  return out;
}

function unescapeOctal(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}
