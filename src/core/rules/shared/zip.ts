/**
 * A small zip reader on Node's fs and zlib, for the rules that look inside Lambda
 * code archives. It reads the central directory (names, sizes) without loading the
 * archive, and one entry at a time on demand (stored or deflated). Everything it
 * cannot read is a ZipError; `tryOpenZip` turns that into undefined for callers
 * that only need "readable or not".
 */
// A binary format: bit flags and CRC-32 need bitwise operators.
/* eslint-disable no-bitwise */
import * as fs from 'fs';
import type * as Zlib from 'zlib';

/** Why an archive or entry could not be read. */
export type ZipErrorKind =
  /** Not a zip, truncated, or its structures point outside the file. */
  | 'corrupt'
  /** A valid zip using something this reader does not do (encryption, multi-disk, bzip2...). */
  | 'unsupported'
  /** Larger than the limits the caller allows. */
  | 'limit'
  /** The file could not be opened or read. */
  | 'io';

/** The one error this module throws. */
export class ZipError extends Error {
  constructor(readonly kind: ZipErrorKind, message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

/** One file or directory of an archive, as its central directory records it. */
export interface ZipEntry {
  /** Path inside the archive, `/`-separated, as stored (directories end with `/`). */
  readonly name: string;
  readonly isDirectory: boolean;
  /** 0 stored, 8 deflated; others are listed but cannot be read. */
  readonly method: number;
  readonly compressedSize: number;
  /** Uncompressed size in bytes. */
  readonly size: number;
  readonly crc32: number;
  readonly encrypted: boolean;
  /** Offset of the entry's local header in the file. */
  readonly localHeaderOffset: number;
}

/** Bounds on what opening an archive reads, so a hostile central directory cannot exhaust memory. */
export interface ZipLimits {
  /** Entries an archive may declare (Lambda packages rarely have more than a few thousand). */
  readonly maxEntries: number;
  /** Bytes of central directory read into memory. */
  readonly maxCentralDirectoryBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 200_000,
  maxCentralDirectoryBytes: 64 * 1024 * 1024,
};

/** Default cap on one entry's uncompressed size when reading it. */
export const DEFAULT_MAX_ENTRY_BYTES = 16 * 1024 * 1024;

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/** An opened archive: its entries, and reading one of them. */
export class ZipArchive {
  /** Reads the central directory of `file`; throws ZipError. */
  static open(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
    return guarded(() => withFile(file, (fd, size) => new ZipArchive(file, size, readCentralDirectory(fd, size, limits))));
  }

  private readonly byName: Map<string, ZipEntry>;

  private constructor(readonly file: string, private readonly fileSize: number, readonly entries: readonly ZipEntry[]) {
    this.byName = new Map(entries.map((e) => [e.name, e]));
  }

  /** The entry stored under exactly this name, if any. */
  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /** The entry's content; throws ZipError (too large, unsupported method, corrupt data). */
  read(entryOrName: ZipEntry | string, maxBytes: number = DEFAULT_MAX_ENTRY_BYTES): Buffer {
    return guarded(() => this.readEntry(entryOrName, maxBytes));
  }

  private readEntry(entryOrName: ZipEntry | string, maxBytes: number): Buffer {
    const entry = typeof entryOrName === 'string' ? this.byName.get(entryOrName) : entryOrName;
    if (!entry) {
      throw new ZipError('corrupt', `no entry "${String(entryOrName)}" in ${this.file}`);
    }
    if (entry.encrypted) {
      throw new ZipError('unsupported', `entry "${entry.name}" is encrypted`);
    }
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipError('unsupported', `entry "${entry.name}" uses compression method ${entry.method}`);
    }
    if (entry.size > maxBytes) {
      throw new ZipError('limit', `entry "${entry.name}" is ${entry.size} bytes, more than the ${maxBytes} allowed`);
    }
    const data = withFile(this.file, (fd) => {
      const header = readAt(fd, entry.localHeaderOffset, 30, this.fileSize);
      if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) {
        throw new ZipError('corrupt', `entry "${entry.name}" has no local header at offset ${entry.localHeaderOffset}`);
      }
      const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      return readAt(fd, start, entry.compressedSize, this.fileSize);
    });
    const content = entry.method === 0 ? data : inflate(data, entry);
    if (content.length !== entry.size) {
      throw new ZipError('corrupt', `entry "${entry.name}" holds ${content.length} bytes, not the ${entry.size} recorded`);
    }
    if (crc32(content) !== entry.crc32) {
      throw new ZipError('corrupt', `entry "${entry.name}" fails its CRC-32 check`);
    }
    return content;
  }
}

/** Runs `read`, turning anything but a ZipError (a bounds bug on odd bytes) into one. */
function guarded<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof ZipError ? error : new ZipError('corrupt', `unreadable archive (${String((error as Error)?.message ?? error)})`);
  }
}

/** The archive, or undefined when it cannot be read for any reason. */
export function tryOpenZip(file: string, limits?: ZipLimits): ZipArchive | undefined {
  try {
    return ZipArchive.open(file, limits);
  } catch {
    return undefined;
  }
}

/** Names of the archive's entries, or undefined when it cannot be read. */
export function listZipEntries(file: string): string[] | undefined {
  return tryOpenZip(file)?.entries.map((e) => e.name);
}

/** One entry's content, or undefined when the archive or the entry cannot be read. */
export function readZipEntry(file: string, name: string, maxBytes?: number): Buffer | undefined {
  try {
    const archive = ZipArchive.open(file);
    return archive.entry(name) ? archive.read(name, maxBytes) : undefined;
  } catch {
    return undefined;
  }
}

/** CRC-32 (IEEE), as zip stores it. */
export function crc32(data: Uint8Array): number {
  const table = crcTable();
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

let CRC_TABLE: Uint32Array | undefined;
/** The CRC-32 lookup table, built on first use. */
function crcTable(): Uint32Array {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      CRC_TABLE[n] = c >>> 0;
    }
  }
  return CRC_TABLE;
}

/** Inflates a deflated entry, never to more than its recorded size. */
function inflate(data: Buffer, entry: ZipEntry): Buffer {
  try {
    // maxOutputLength stops a lying size field (a zip bomb) from filling memory.
    return zlib().inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    throw new ZipError('corrupt', `entry "${entry.name}" cannot be inflated (${(error as Error).message})`);
  }
}

/** Runs `use` on an open descriptor of the file and closes it, turning open and stat failures into ZipErrors. */
function withFile<T>(file: string, use: (fd: number, size: number) => T): T {
  let fd: number;
  let size: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    throw new ZipError('io', `cannot open ${file} (${(error as Error).message})`);
  }
  try {
    try {
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) {
        throw new ZipError('corrupt', `${file} is not a file`);
      }
      size = stat.size;
    } catch (error) {
      throw error instanceof ZipError ? error : new ZipError('io', `cannot read ${file} (${(error as Error).message})`);
    }
    return use(fd, size);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads exactly `length` bytes at `offset`, refusing ranges outside the file (damaged records point anywhere). */
function readAt(fd: number, offset: number, length: number, fileSize: number): Buffer {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > fileSize) {
    throw new ZipError('corrupt', `a record points outside the file (offset ${offset}, length ${length}, file size ${fileSize})`);
  }
  const buffer = Buffer.alloc(length);
  let done = 0;
  try {
    while (done < length) {
      const n = fs.readSync(fd, buffer, done, length - done, offset + done);
      if (n === 0) break;
      done += n;
    }
  } catch (error) {
    throw new ZipError('io', `read failed (${(error as Error).message})`);
  }
  if (done !== length) {
    throw new ZipError('corrupt', `unexpected end of file at offset ${offset + done}`);
  }
  return buffer;
}

/** Where the central directory is and how many entries it declares, from the (zip64) end record. */
interface Directory {
  readonly entries: number;
  readonly size: number;
  readonly offset: number;
  /** Where the directory's end record starts: the directory must end right before it. */
  readonly end: number;
}

/** Every entry of the central directory, within the limits. */
function readCentralDirectory(fd: number, fileSize: number, limits: ZipLimits): ZipEntry[] {
  if (fileSize < EOCD_SIZE) {
    throw new ZipError('corrupt', `the file is ${fileSize} bytes, too small to be a zip archive`);
  }
  const dir = findDirectory(fd, fileSize);
  if (dir.entries > limits.maxEntries) {
    throw new ZipError('limit', `the archive declares ${dir.entries} entries, more than the ${limits.maxEntries} allowed`);
  }
  if (dir.size > limits.maxCentralDirectoryBytes) {
    throw new ZipError('limit', `the central directory is ${dir.size} bytes, more than the ${limits.maxCentralDirectoryBytes} allowed`);
  }
  // Bytes before the archive proper (self-extracting stubs) shift every offset.
  const shift = dir.end - dir.size - dir.offset;
  if (shift < 0) {
    throw new ZipError('corrupt', 'the central directory overlaps its end record');
  }
  const cd = readAt(fd, dir.offset + shift, dir.size, fileSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < dir.entries; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIGNATURE) {
      throw new ZipError('corrupt', `central directory entry ${i} is missing or damaged`);
    }
    const flags = cd.readUInt16LE(p + 8);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > cd.length) {
      throw new ZipError('corrupt', `central directory entry ${i} runs past the directory`);
    }
    const nameBytes = cd.subarray(p + 46, p + 46 + nameLength);
    // Bit 11: UTF-8 names; otherwise CP437, which matches latin1 for the ASCII names code uses.
    const name = nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1');
    let size = cd.readUInt32LE(p + 24);
    let compressedSize = cd.readUInt32LE(p + 20);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      const zip64 = zip64Extra(cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength));
      // The zip64 extra field lists only the fields that overflowed, in this order.
      let q = 0;
      const take = (): number => {
        if (!zip64 || q + 8 > zip64.length) {
          throw new ZipError('corrupt', `entry "${name}" lacks its zip64 sizes`);
        }
        const value = readUInt64(zip64, q);
        q += 8;
        return value;
      };
      if (size === 0xffffffff) size = take();
      if (compressedSize === 0xffffffff) compressedSize = take();
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
    }
    entries.push({
      name,
      isDirectory: name.endsWith('/'),
      method: cd.readUInt16LE(p + 10),
      compressedSize,
      size,
      crc32: cd.readUInt32LE(p + 16),
      encrypted: (flags & 0x1) !== 0,
      localHeaderOffset: localHeaderOffset + shift,
    });
    p = next;
  }
  return entries;
}

/** Locates the end record (behind a comment of any length) and the directory it describes. */
function findDirectory(fd: number, fileSize: number): Directory {
  // The end record sits in the last 22 bytes plus a comment of up to 64 KiB.
  const tailLength = Math.min(fileSize, EOCD_SIZE + MAX_COMMENT);
  const tailStart = fileSize - tailLength;
  const tail = readAt(fd, tailStart, tailLength, fileSize);
  let at = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE && i + EOCD_SIZE + tail.readUInt16LE(i + 20) <= tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) {
    throw new ZipError('corrupt', 'no end-of-central-directory record: not a zip archive, or a truncated one');
  }
  const disk = tail.readUInt16LE(at + 4);
  const cdDisk = tail.readUInt16LE(at + 6);
  const entries = tail.readUInt16LE(at + 10);
  const size = tail.readUInt32LE(at + 12);
  const offset = tail.readUInt32LE(at + 16);
  const eocd = tailStart + at;
  const masked = entries === 0xffff || size === 0xffffffff || offset === 0xffffffff;
  // Writers may add zip64 records even when the classic fields fit (Python does): the
  // directory then ends before the zip64 record, not before this one.
  if (masked || hasZip64Locator(fd, fileSize, eocd)) {
    try {
      return findZip64Directory(fd, fileSize, eocd);
    } catch (error) {
      if (masked) throw error;
    }
  }
  if (disk !== 0 || cdDisk !== 0 || tail.readUInt16LE(at + 8) !== entries) {
    throw new ZipError('unsupported', 'multi-disk (spanned) archives are not supported');
  }
  return { entries, size, offset, end: eocd };
}

/** True when a zip64 locator sits right before the end record. */
function hasZip64Locator(fd: number, fileSize: number, eocd: number): boolean {
  return eocd >= 20 && readAt(fd, eocd - 20, 4, fileSize).readUInt32LE(0) === ZIP64_LOCATOR_SIGNATURE;
}

/** The directory as the zip64 end record describes it, for archives whose classic fields overflowed. */
function findZip64Directory(fd: number, fileSize: number, eocd: number): Directory {
  if (eocd < 20) {
    throw new ZipError('corrupt', 'the zip64 end-of-central-directory locator is missing');
  }
  const locator = readAt(fd, eocd - 20, 20, fileSize);
  if (locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIGNATURE) {
    throw new ZipError('corrupt', 'the zip64 end-of-central-directory locator is missing');
  }
  const recordOffset = readUInt64(locator, 8);
  const record = readAt(fd, recordOffset, 56, fileSize);
  if (record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) {
    throw new ZipError('corrupt', 'the zip64 end-of-central-directory record is missing');
  }
  return {
    entries: readUInt64(record, 32),
    size: readUInt64(record, 40),
    offset: readUInt64(record, 48),
    end: recordOffset,
  };
}

/** The zip64 extended-information field of an entry's extra data, if it has one. */
function zip64Extra(extra: Buffer): Buffer | undefined {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const length = extra.readUInt16LE(p + 2);
    if (p + 4 + length > extra.length) return undefined;
    if (id === 0x0001) return extra.subarray(p + 4, p + 4 + length);
    p += 4 + length;
  }
  return undefined;
}

/** A 64-bit little-endian field as a number, refusing values beyond what a number holds exactly. */
function readUInt64(buffer: Buffer, offset: number): number {
  const value = buffer.readBigUInt64LE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ZipError('corrupt', `a 64-bit size or offset (${value}) is out of range`);
  }
  return Number(value);
}

/** zlib, loaded by the first deflated entry read (like managedPolicyData): most runs open no archive, and every process loads the rules. */
function zlib(): typeof Zlib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('zlib');
}
