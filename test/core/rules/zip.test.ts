import * as fs from 'fs';
import * as path from 'path';
import { useTempDir, zipBytes } from './fixtures';
import { crc32, listZipEntries, readZipEntry, tryOpenZip, ZipArchive, ZipError } from '../../../src/core/rules/shared/zip';

// Written by Python's zipfile (deflated index.js, a directory entry, stored lib/util.py, an archive comment).
const PYTHON_ZIP =
  'UEsDBBQAAAAIAAyCdl1OTjejJQAAAGAAAAAIAAAAaW5kZXguanNLzs8rLlFwDA9WsFUoSi0szSxK1VBPLC/WLU7JVte05kqmUB4AUEsDBBQAAAAIAAyCdl0AAAAAAgAAAAAAAAAE' +
  'AAAAbGliLwMAUEsDBBQAAAAAAAAAIQD39ZiuDAAAAAwAAAALAAAAbGliL3V0aWwucHlwcmludCgiaGkiKQpQSwECFAMUAAAACAAMgnZdTk43oyUAAABgAAAACAAAAAAAAAAAAAAAgAEA' +
  'AAAAaW5kZXguanNQSwECFAMUAAAACAAMgnZdAAAAAAIAAAAAAAAABAAAAAAAAAAAABAA/UFLAAAAbGliL1BLAQIUAxQAAAAAAAAAIQD39ZiuDAAAAAwAAAALAAAAAAAAAAAAAACAAW8A' +
  'AABsaWIvdXRpbC5weVBLBQYAAAAAAwADAKEAAACkAAAAFwBidWlsdCBieSBweXRob24gemlwZmlsZQ==';

// Written by Info-ZIP `zip -r - src a.txt` to a pipe: deflated entries with data descriptors and extra fields.
const INFOZIP_STREAMED_ZIP =
  'UEsDBAoAAAAAAAyCdl0AAAAAAAAAAAAAAAAEABwAc3JjL1VUCQADWBUDa1gVA2t1eAsAAQQAAAAABAAAAABQSwMEFAAIAAgADIJ2XQAAAAAAAAAAIQAAAAwAHABzcmMvaW5kZXguanNV' +
  'VAkAA1gVA2tYFQNrdXgLAAEEAAAAAAQAAAAAS60oyC8qKdbLSMxLyUktUrBVSCyuzEtW0NBUsLVTMLTmAgBQSwcI1c/o8iMAAAAhAAAAUEsDBBQACAAIAAyCdl0AAAAAAAAAAAEAAAAF' +
  'ABwAYS50eHRVVAkAA1gVA2tYFQNrdXgLAAEEAAAAAAQAAAAAqwAAUEsHCIMW3IwDAAAAAQAAAFBLAQIeAwoAAAAAAAyCdl0AAAAAAAAAAAAAAAAEABgAAAAAAAAAEADtQQAAAABzcmMv' +
  'VVQFAANYFQNrdXgLAAEEAAAAAAQAAAAAUEsBAh4DFAAIAAgADIJ2XdXP6PIjAAAAIQAAAAwAGAAAAAAAAQAAAKSBPgAAAHNyYy9pbmRleC5qc1VUBQADWBUDa3V4CwABBAAAAAAEAAAA' +
  'AFBLAQIeAxQACAAIAAyCdl2DFtyMAwAAAAEAAAAFABgAAAAAAAEAAACkgbcAAABhLnR4dFVUBQADWBUDa3V4CwABBAAAAAAEAAAAAFBLBQYAAAAAAwADAOcAAAAJAQAAAAA=';

// Written by Python's zipfile with its zip64 thresholds lowered: zip64 extra fields and end records,
// classic end-record fields still filled in (checked with `unzip -t`).
const PYTHON_ZIP64 =
  'UEsDBC0AAAAIACyCdl0k0obx//////////8GABQAYXBwLnB5AQAQACoAAAAAAAAAKgAAAAAAAABLSU1TyEjMS8lJLdJILUvNK9FRSM7PK0mtKNG04lIAgqLUktKiPAVDLgBQSwMELQAA' +
  'AAgALIJ2XTgY8+r//////////wgAFABsaWIveC5qcwEAEAAUAAAAAAAAABYAAAAAAAAAy81PKc1J1UutKMgvKilWsFUwsuYCAFBLAQItAy0AAAAIACyCdl0k0obx//////////8GABQA' +
  'AAAAAAAAAACAAQAAAABhcHAucHkBABAAKgAAAAAAAAAqAAAAAAAAAFBLAQItAy0AAAAIACyCdl04GPPq//////////8IABwAAAAAAAAAAACAAf////9saWIveC5qcwEAGAAUAAAAAAAA' +
  'ABYAAAAAAAAAYgAAAAAAAABQSwYGLAAAAAAAAAAtAC0AAAAAAAAAAAACAAAAAAAAAAIAAAAAAAAAmgAAAAAAAACyAAAAAAAAAFBLBgcAAAAATAEAAAAAAAABAAAAUEsFBgAAAAACAAIA' +
  'mgAAALIAAAAAAA==';

const dir = useTempDir('zip-test-');

function write(name: string, bytes: Buffer): string {
  const file = path.join(dir(), name);
  fs.writeFileSync(file, bytes);
  return file;
}

function errorOf(run: () => unknown): ZipError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ZipError);
    return error as ZipError;
  }
  throw new Error('expected a ZipError, nothing was thrown');
}

describe('crc32', () => {
  test('GIVEN the standard check input WHEN hashed THEN it is the CRC-32 check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe('reading archives written by other tools', () => {
  test('GIVEN a zip from Python zipfile WHEN opened THEN entries and contents match', () => {
    // GIVEN
    const file = write('python.zip', Buffer.from(PYTHON_ZIP, 'base64'));
    // WHEN
    const archive = ZipArchive.open(file);
    // THEN
    expect(archive.entries.map((e) => [e.name, e.isDirectory, e.method])).toEqual([
      ['index.js', false, 8],
      ['lib/', true, 8],
      ['lib/util.py', false, 0],
    ]);
    expect(archive.read('index.js').toString()).toBe("const AWS = require('aws-sdk');\n".repeat(3));
    expect(archive.read('lib/util.py').toString()).toBe('print("hi")\n');
  });

  test('GIVEN a zip64 archive from Python WHEN opened THEN zip64 sizes and the zip64 end record are used', () => {
    const file = write('python64.zip', Buffer.from(PYTHON_ZIP64, 'base64'));
    const archive = ZipArchive.open(file);
    expect(archive.entries.map((e) => [e.name, e.size])).toEqual([['app.py', 42], ['lib/x.js', 20]]);
    expect(archive.read('app.py').toString()).toBe('def handler(event, context):\n    return 1\n');
    expect(archive.read('lib/x.js').toString()).toBe('module.exports = 2;\n');
  });

  test('GIVEN a streamed Info-ZIP archive (data descriptors, extra fields) WHEN opened THEN sizes come from the central directory', () => {
    const file = write('infozip.zip', Buffer.from(INFOZIP_STREAMED_ZIP, 'base64'));
    const archive = ZipArchive.open(file);
    expect(archive.entries.map((e) => e.name)).toEqual(['src/', 'src/index.js', 'a.txt']);
    expect(archive.entry('src/index.js')).toMatchObject({ method: 8, size: 33 });
    expect(archive.read('src/index.js').toString()).toBe('exports.handler = async () => 1;\n');
    expect(archive.read('a.txt').toString()).toBe('x');
  });
});

describe('ZipArchive', () => {
  test('GIVEN stored and deflated entries with UTF-8 names WHEN read THEN contents round-trip', () => {
    // GIVEN
    const file = write('a.zip', zipBytes([
      { name: 'index.js', content: 'exports.handler = 1;', method: 0 },
      { name: 'lib/größe.py', content: 'x = 1\n'.repeat(100) },
      { name: 'empty.txt', content: '' },
    ]));
    // WHEN
    const archive = ZipArchive.open(file);
    // THEN
    expect(archive.entries.map((e) => e.name)).toEqual(['index.js', 'lib/größe.py', 'empty.txt']);
    expect(archive.read('index.js').toString()).toBe('exports.handler = 1;');
    expect(archive.read(archive.entry('lib/größe.py')!).toString()).toBe('x = 1\n'.repeat(100));
    expect(archive.read('empty.txt').length).toBe(0);
    expect(archive.entry('missing.js')).toBeUndefined();
    expect(errorOf(() => archive.read('missing.js'))).toMatchObject({ kind: 'corrupt', message: expect.stringContaining('no entry "missing.js"') });
  });

  test('GIVEN zip64 records WHEN opened THEN sizes and offsets come from the zip64 fields', () => {
    const file = write('z64.zip', zipBytes([{ name: 'a.js', content: 'aaa' }, { name: 'b.js', content: 'bbbb', method: 0 }], { zip64: true }));
    const archive = ZipArchive.open(file);
    expect(archive.entries.map((e) => [e.name, e.size])).toEqual([['a.js', 3], ['b.js', 4]]);
    expect(archive.read('b.js').toString()).toBe('bbbb');
  });

  test('GIVEN bytes before the archive and a trailing comment WHEN opened THEN offsets are shifted correctly', () => {
    const file = write('sfx.zip', zipBytes([{ name: 'index.py', content: 'def handler(e, c): pass\n' }], {
      prefix: Buffer.from('#!/bin/sh\nexit 0\n'),
      comment: 'a comment with PK\u0005\u0006 inside',
    }));
    expect(ZipArchive.open(file).read('index.py').toString()).toBe('def handler(e, c): pass\n');
  });

  test('GIVEN an empty archive WHEN opened THEN it has no entries', () => {
    expect(ZipArchive.open(write('empty.zip', zipBytes([]))).entries).toEqual([]);
  });

  test('GIVEN a wrong CRC WHEN the entry is read THEN a corrupt ZipError says so, and listing still works', () => {
    const file = write('crc.zip', zipBytes([{ name: 'a.js', content: 'abc', crc: 12345 }]));
    const archive = ZipArchive.open(file);
    expect(archive.entries).toHaveLength(1);
    const error = errorOf(() => archive.read('a.js'));
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain('CRC-32');
  });

  test('GIVEN an unsupported method or an encrypted entry WHEN read THEN an unsupported ZipError', () => {
    const archive = ZipArchive.open(write('m.zip', zipBytes([
      { name: 'bzip2.js', content: 'abc', method: 12 },
      { name: 'secret.js', content: 'abc', method: 0, flags: 0x1 },
    ])));
    expect(errorOf(() => archive.read('bzip2.js'))).toMatchObject({ kind: 'unsupported', message: expect.stringContaining('method 12') });
    expect(errorOf(() => archive.read('secret.js'))).toMatchObject({ kind: 'unsupported', message: expect.stringContaining('encrypted') });
  });

  test('GIVEN an entry larger than allowed WHEN read THEN a limit ZipError', () => {
    const archive = ZipArchive.open(write('big.zip', zipBytes([{ name: 'a.js', content: 'x'.repeat(1000) }])));
    expect(errorOf(() => archive.read('a.js', 999)).kind).toBe('limit');
    expect(archive.read('a.js', 1000).length).toBe(1000);
  });

  test('GIVEN an entry that inflates to more than its recorded size (a zip bomb) WHEN read THEN it stops with a corrupt ZipError', () => {
    const archive = ZipArchive.open(write('bomb.zip', zipBytes([{ name: 'a.js', content: 'x'.repeat(100_000), size: 10 }])));
    expect(errorOf(() => archive.read('a.js')).kind).toBe('corrupt');
  });

  test('GIVEN more entries than the limit WHEN opened THEN a limit ZipError', () => {
    const file = write('many.zip', zipBytes([{ name: 'a' }, { name: 'b' }, { name: 'c' }]));
    expect(errorOf(() => ZipArchive.open(file, { maxEntries: 2, maxCentralDirectoryBytes: 1e6 })).kind).toBe('limit');
    expect(errorOf(() => ZipArchive.open(file, { maxEntries: 10, maxCentralDirectoryBytes: 10 })).kind).toBe('limit');
  });

  test.each([
    ['random bytes', Buffer.from('this is not a zip archive at all, just some text that goes on for a while')],
    ['an empty file', Buffer.alloc(0)],
    ['a truncated archive', zipBytes([{ name: 'a.js', content: 'abc' }]).subarray(0, 40)],
    ['an end record pointing outside the file', (() => {
      const bytes = zipBytes([{ name: 'a.js', content: 'abc' }]);
      bytes.writeUInt32LE(0x7fffffff, bytes.length - 6);
      return bytes;
    })()],
    ['a damaged central directory', (() => {
      const bytes = zipBytes([{ name: 'a.js', content: 'abc' }]);
      const at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      bytes.writeUInt32LE(0xdeadbeef, at);
      return bytes;
    })()],
  ])('GIVEN %s WHEN opened THEN a corrupt ZipError, and the helpers return undefined', (_name, bytes) => {
    // GIVEN
    const file = write('bad.zip', bytes);
    // WHEN / THEN
    expect(errorOf(() => ZipArchive.open(file)).kind).toBe('corrupt');
    expect(tryOpenZip(file)).toBeUndefined();
    expect(listZipEntries(file)).toBeUndefined();
    expect(readZipEntry(file, 'a.js')).toBeUndefined();
  });

  test('GIVEN a path that is missing or a directory WHEN opened THEN io / corrupt ZipErrors', () => {
    expect(errorOf(() => ZipArchive.open(path.join(dir(), 'nope.zip'))).kind).toBe('io');
    expect(errorOf(() => ZipArchive.open(dir())).kind).toBe('corrupt');
  });

  test('GIVEN a valid archive WHEN the convenience helpers are used THEN they list and read', () => {
    const file = write('ok.zip', zipBytes([{ name: 'dir/a.js', content: 'A' }]));
    expect(listZipEntries(file)).toEqual(['dir/a.js']);
    expect(readZipEntry(file, 'dir/a.js')?.toString()).toBe('A');
    expect(readZipEntry(file, 'other.js')).toBeUndefined();
  });

  test('GIVEN a thousand randomly damaged archives WHEN opened and read THEN only ZipErrors are ever thrown', () => {
    // GIVEN: a deterministic generator, so a failure reproduces.
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const original = zipBytes([
      { name: 'index.js', content: "const AWS = require('aws-sdk');\n".repeat(20) },
      { name: 'lib/app.py', content: 'print(1)\n', method: 0 },
    ], { zip64: false });
    const others: unknown[] = [];
    for (let i = 0; i < 1000; i++) {
      const bytes = Buffer.from(original);
      const changes = 1 + random(4);
      for (let c = 0; c < changes; c++) bytes[random(bytes.length)] = random(256);
      const cut = random(10) === 0 ? bytes.subarray(0, random(bytes.length)) : bytes;
      const file = write('fuzz.zip', cut);
      // WHEN
      try {
        const archive = ZipArchive.open(file);
        for (const entry of archive.entries) {
          try {
            archive.read(entry);
          } catch (error) {
            if (!(error instanceof ZipError)) others.push(error);
          }
        }
      } catch (error) {
        if (!(error instanceof ZipError)) others.push(error);
      }
    }
    // THEN
    expect(others).toEqual([]);
  });
});
