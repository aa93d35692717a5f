'use strict';
// Runs one command as a measured child process: wall time from the parent's clock, CPU time
// (user + system, the child and its waited-for children) and peak resident memory (maxRSS of
// the largest process in the child's tree) from GNU time. CPU time is what a busy shared
// machine disturbs least: ratios of it are the steadier figures there.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const GNU_TIME = '/usr/bin/time';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-patterns-bench-'));
let counter = 0;

/** A fresh directory under the run's scratch directory. */
function freshDir(name) {
  const dir = path.join(scratch, `${name}-${counter++}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: object, cwd?: string, timeoutMs?: number, okCodes?: number[] }} [options]
 * @returns {{ wallMs: number, cpuMs: number, maxRssMb: number, exitCode: number|null, stderrTail: string, stdout: string }}
 */
function measure(command, args, options = {}) {
  if (!fs.existsSync(GNU_TIME)) {
    throw new Error(`bench: ${GNU_TIME} not found. Fix: install GNU time (apt-get install time).`);
  }
  const rssFile = path.join(scratch, `rss-${counter++}.txt`);
  const started = process.hrtime.bigint();
  const child = spawnSync(GNU_TIME, ['-f', '%U %S %M', '-o', rssFile, command, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: options.timeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const rssText = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, 'utf8') : '';
  // GNU time writes "Command exited with non-zero status N" before the figure when the child fails.
  const [userS, systemS, rssKb] = rssText.trim().split('\n').pop().split(' ').map(Number);
  const exitCode = child.status;
  const ok = (options.okCodes ?? [0]).includes(exitCode);
  const stderrTail = (child.stderr ?? '').split('\n').slice(-15).join('\n');
  if (!ok) {
    const why = child.error ? child.error.message : `exit code ${exitCode}`;
    throw new Error(`bench: '${command} ${args.join(' ')}' failed (${why}).\n${stderrTail}`);
  }
  return { wallMs, cpuMs: (userS + systemS) * 1000, maxRssMb: rssKb / 1024, exitCode, stderrTail, stdout: child.stdout ?? '' };
}

module.exports = { measure, freshDir, scratch };
