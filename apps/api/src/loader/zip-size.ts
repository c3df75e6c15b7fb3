import fs from 'node:fs';

/** A workbook may unpack to at most this much: real council workbooks are a few MB; a zip bomb is not. */
export const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

/**
 * The total uncompressed size a zip (an .xlsx) declares, read from its central directory without
 * unpacking anything. Null when the directory cannot be found or uses ZIP64 (which an .xlsx of
 * sensible size never needs), so the caller refuses the file.
 */
export function declaredUncompressedSize(path: string): { bytes: number; entries: number } | null {
  const fd = fs.openSync(path, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    fs.readSync(fd, tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    const entries = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || directoryOffset === 0xffffffff || directoryOffset + directorySize > size) return null;
    if (entries > MAX_ENTRIES) return { bytes: Number.POSITIVE_INFINITY, entries };
    const directory = Buffer.alloc(directorySize);
    fs.readSync(fd, directory, 0, directorySize, directoryOffset);
    let bytes = 0;
    let at = 0;
    for (let n = 0; n < entries; n++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) return null;
      const uncompressed = directory.readUInt32LE(at + 24);
      if (uncompressed === 0xffffffff) return null;
      bytes += uncompressed;
      at += 46 + directory.readUInt16LE(at + 28) + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    return { bytes, entries };
  } finally {
    fs.closeSync(fd);
  }
}
