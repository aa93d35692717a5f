/**
 * Files the Lambda and zip tests write: a temporary directory per test, asset directories, and
 * zip archives built byte by byte (so each field can be set, or damaged, on purpose).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { crc32 } from '../../../src/core/rules/shared/zip';

/**
 * A fresh temporary directory for every test of the calling file, removed after it. Call it at the
 * top level of a test file; the function it returns gives the current test's directory.
 */
export function useTempDir(prefix: string): () => string {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** Creates a new asset directory below `parent` holding these files; a name ending in `/` is an empty directory. */
export function writeAssetDir(parent: string, files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(parent, 'asset-'));
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('/')) {
      fs.mkdirSync(path.join(root, name), { recursive: true });
    } else {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), content);
    }
  }
  return root;
}

/** Writes a zip of deflated files (name -> content) to `file` and returns its path. */
export function writeZip(file: string, files: Record<string, string>): string {
  fs.writeFileSync(file, zipBytes(Object.entries(files).map(([name, content]) => ({ name, content }))));
  return file;
}

/** One entry of a test archive. */
export interface ZipFixtureEntry {
  readonly name: string;
  readonly content?: string | Buffer;
  /** 0 stored, 8 deflated (default), anything else is written as stored bytes under that method number. */
  readonly method?: number;
  readonly flags?: number;
  /** Overrides the CRC written (to corrupt it). */
  readonly crc?: number;
  /** Overrides the uncompressed size written (to lie about it). */
  readonly size?: number;
}

/** A minimal zip writer for the tests: local headers, central directory, end record; optionally zip64 records. */
export function zipBytes(entries: readonly ZipFixtureEntry[], options: { zip64?: boolean; comment?: string; prefix?: Buffer } = {}): Buffer {
  const prefix = options.prefix ?? Buffer.alloc(0);
  const parts: Buffer[] = [prefix];
  const central: Buffer[] = [];
  let offset = prefix.length;
  for (const entry of entries) {
    const data = Buffer.from(entry.content ?? '');
    const method = entry.method ?? 8;
    const body = method === 8 ? zlib.deflateRawSync(data) : data;
    const name = Buffer.from(entry.name, 'utf8');
    const crc = entry.crc ?? crc32(data);
    const size = entry.size ?? data.length;
    // Bit 11 (UTF-8 names) always set.
    const flags = (entry.flags ?? 0) + 0x800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, body);
    const extra = Buffer.alloc(options.zip64 ? 28 : 0);
    if (options.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
      extra.writeBigUInt64LE(BigInt(offset - prefix.length), 20);
    }
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(45, 4);
    header.writeUInt16LE(45, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(options.zip64 ? 0xffffffff : body.length, 20);
    header.writeUInt32LE(options.zip64 ? 0xffffffff : size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(extra.length, 30);
    // Offsets relative to the archive, as `cat stub archive.zip > sfx` leaves them.
    header.writeUInt32LE(options.zip64 ? 0xffffffff : offset - prefix.length, 42);
    central.push(header, name, extra);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  parts.push(directory);
  const comment = Buffer.from(options.comment ?? '');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  if (options.zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset - prefix.length), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset - prefix.length + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(record, locator);
    end.writeUInt16LE(0xffff, 8);
    end.writeUInt16LE(0xffff, 10);
    end.writeUInt32LE(0xffffffff, 12);
    end.writeUInt32LE(0xffffffff, 16);
  } else {
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset - prefix.length, 16);
  }
  end.writeUInt16LE(comment.length, 20);
  parts.push(end, comment);
  return Buffer.concat(parts);
}
