import fs from 'node:fs';
import path from 'node:path';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { UnreadableFile } from './input.ts';

/**
 * A workbook is a zip, and a zip can lie: its directory may declare a few kilobytes for a part that
 * inflates to gigabytes (a zip bomb). So a workbook is never handed to the sheet reader as uploaded.
 * Only the parts the reader needs are inflated here, streaming, with a hard cap on the bytes each one
 * really produces and on the total, and written uncompressed, with their true sizes, into a new zip
 * that the reader then opens. yauzl reads the central directory (never trusting local headers) and
 * fails a part the moment it inflates to more than its declared size; the caps here hold regardless.
 */

/** At most this much is inflated from one workbook, all parts together. */
export const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
/** At most this much from any one part (a sheet of about 400,000 template rows). */
export const MAX_PART_BYTES = 160 * 1024 * 1024;
/** A real workbook has tens of parts; the directory is refused beyond this many. */
export const MAX_ENTRIES = 10_000;

const RELS = 'xl/_rels/workbook.xml.rels';
const WORKBOOK = 'xl/workbook.xml';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

function refuse(fileName: string, reason: string): UnreadableFile {
  return new UnreadableFile(
    `The workbook "${fileName}" cannot be read safely: ${reason}. Nothing was loaded; open it in Excel and save the first sheet as CSV (or .xlsx) again.`,
  );
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (error, zip) => (error || !zip ? reject(error ?? new Error('no zip')) : resolve(zip)),
    );
  });
}

function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) =>
      error || !stream ? reject(error ?? new Error('no stream')) : resolve(stream),
    );
  });
}

/** Appends to an open file descriptor at a tracked offset (the zip being written). */
class ZipOut {
  offset = 0;
  private readonly central: Buffer[] = [];
  constructor(private readonly fd: number) {}

  write(buffer: Buffer): void {
    let done = 0;
    while (done < buffer.length) done += fs.writeSync(this.fd, buffer, done, buffer.length - done, this.offset + done);
    this.offset += buffer.length;
  }

  /** A stored (uncompressed) part: header, then the data `fill` writes, then the header's true size and CRC. */
  async add(name: string, fill: (sink: Writable) => Promise<void>): Promise<void> {
    const nameBytes = Buffer.from(name, 'utf8');
    const start = this.offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 name
    header.writeUInt16LE(0, 8); // stored
    header.writeUInt16LE(0x21, 12); // 1980-01-01
    header.writeUInt16LE(nameBytes.length, 26);
    this.write(header);
    this.write(nameBytes);
    let crc = 0;
    let size = 0;
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        crc = zlib.crc32(chunk, crc);
        size += chunk.length;
        try {
          this.write(chunk);
          callback();
        } catch (error) {
          callback(error as Error);
        }
      },
    });
    await fill(sink);
    header.writeUInt32LE(crc >>> 0, 14);
    header.writeUInt32LE(size, 18);
    header.writeUInt32LE(size, 22);
    fs.writeSync(this.fd, header, 0, 30, start);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(size, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(start, 42);
    this.central.push(entry, nameBytes);
  }

  finish(): void {
    const directoryOffset = this.offset;
    const directory = Buffer.concat(this.central);
    this.write(directory);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.central.length / 2, 8);
    end.writeUInt16LE(this.central.length / 2, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(directoryOffset, 16);
    this.write(end);
  }
}

/**
 * Writes into `dir` a zip holding only what the sheet reader needs from the workbook at `file`: the
 * workbook and its relationships, the shared strings (an empty list if there are none) and the first
 * worksheet, each inflated under the caps. Returns its path; throws UnreadableFile naming `fileName`
 * for a workbook that is damaged, hostile or too large.
 */
export async function unpackWorkbook(file: string, dir: string, fileName: string): Promise<string> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch {
    throw new UnreadableFile(`"${fileName}" looks like an Excel workbook but its contents list cannot be read.`);
  }
  const out = path.join(dir, 'workbook.xlsx');
  const fd = fs.openSync(out, 'w');
  try {
    if (zip.entryCount > MAX_ENTRIES) throw refuse(fileName, `it lists ${zip.entryCount} parts`);
    let entries: yauzl.Entry[];
    try {
      entries = await readEntries(zip);
    } catch (error) {
      throw refuse(fileName, `its contents list is damaged (${describe(error)})`);
    }
    // What the whole file declares, checked before anything is inflated (the declared sizes are then
    // enforced on the real bytes below).
    const declaredAll = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (declaredAll > MAX_UNCOMPRESSED_BYTES) {
      throw new UnreadableFile(
        `The workbook "${fileName}" would unpack to more than ${mb(MAX_UNCOMPRESSED_BYTES)}; save the first sheet as CSV instead.`,
      );
    }
    const named = (name: string) => entries.find((e) => e.fileName === name);
    // The first worksheet in the file, as the reader has always taken it.
    const sheet = entries.find((e) => SHEET.test(e.fileName));
    const wanted = [named(RELS), named(WORKBOOK), named(SHARED_STRINGS), sheet].filter(
      (e): e is yauzl.Entry => e !== undefined,
    );
    for (const entry of wanted) {
      if (entry.uncompressedSize > MAX_PART_BYTES) {
        throw refuse(fileName, `its part ${entry.fileName} would unpack to more than ${mb(MAX_PART_BYTES)}`);
      }
    }

    const writer = new ZipOut(fd);
    let total = 0;
    const copy = async (entry: yauzl.Entry) => {
      let bytes = 0;
      let crc = 0;
      // The real bytes, counted as they are inflated: a part may not exceed what it declared, nor the caps.
      const guard = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          total += chunk.length;
          crc = zlib.crc32(chunk, crc);
          if (bytes > entry.uncompressedSize || bytes > MAX_PART_BYTES || total > MAX_UNCOMPRESSED_BYTES) {
            callback(refuse(fileName, `its part ${entry.fileName} unpacks to more than the file declares for it`));
          } else callback(null, chunk);
        },
      });
      await writer.add(entry.fileName, async (sink) => {
        let source: Readable;
        try {
          source = await openEntry(zip, entry);
        } catch (error) {
          throw refuse(fileName, `its part ${entry.fileName} cannot be opened (${describe(error)})`);
        }
        try {
          await pipeline(source, guard, sink);
        } catch (error) {
          if (error instanceof UnreadableFile) throw error;
          throw refuse(fileName, `its part ${entry.fileName} ${damage(error)}`);
        }
      });
      if (bytes !== entry.uncompressedSize) {
        throw refuse(fileName, `its part ${entry.fileName} unpacks to a different size than the file declares for it`);
      }
      if (crc >>> 0 !== entry.crc32 >>> 0) throw refuse(fileName, `its part ${entry.fileName} is damaged (checksum)`);
    };
    for (const name of [RELS, WORKBOOK]) {
      const entry = named(name);
      if (entry) await copy(entry);
    }
    // Shared strings before the sheet, so the reader streams the sheet instead of parking it on disk.
    const strings = named(SHARED_STRINGS);
    if (strings) await copy(strings);
    else await writer.add(SHARED_STRINGS, (sink) => pipeline([EMPTY_SHARED_STRINGS], sink));
    if (sheet) await copy(sheet);
    writer.finish();
    return out;
  } finally {
    fs.closeSync(fd);
    zip.close();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 120) : 'unknown error';
}

/** yauzl's and zlib's errors, in words. */
function damage(error: unknown): string {
  const message = describe(error);
  if (/too many bytes/i.test(message)) return 'unpacks to more than the file declares for it';
  if (/too few bytes/i.test(message)) return 'unpacks to less than the file declares for it';
  if (/encrypt/i.test(message)) return 'is encrypted';
  if (/compression method/i.test(message)) return 'uses a compression Excel does not';
  return `is damaged (${message})`;
}
