import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

// The SDK's notice about its future Node.js floor, once per seeding client: noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** The repository root (preflight/test/ -> ../..). */
export const ROOT = path.join(__dirname, '..', '..');
/** moto's server, installed by scripts/python-tools.sh (scripts/requirements-tools.txt) into the tools venv. */
export const MOTO_SERVER = path.join(ROOT, '.cache', 'tools-venv', 'bin', 'moto_server');

/** A moto server on 127.0.0.1 and a free port, for one test file. */
export interface Moto {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts moto's server. `env` adds variables, e.g. INITIAL_NO_AUTH_ACTION_COUNT, after which moto
 * enforces IAM: unknown keys are rejected and a user's policy decides what it may call.
 */
export async function startMoto(env: Record<string, string> = {}): Promise<Moto> {
  if (!fs.existsSync(MOTO_SERVER)) {
    throw new Error(`${MOTO_SERVER} is missing: run "bash scripts/python-tools.sh" (npx projen tools:python), which installs moto[server] into the tools venv.`);
  }
  const port = await freePort();
  const child: ChildProcess = spawn(MOTO_SERVER, ['-H', '127.0.0.1', '-p', String(port)], {
    // The recorder's log goes to a file of its own, not to the working directory.
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '', MOTO_RECORDER_FILEPATH: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'moto-')), 'recording'), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}): ${stderr}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`moto_server did not answer on ${endpoint} within 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Starts moto's request recorder afresh (every request after this is logged, until stopRecording). */
export async function startRecording(moto: Moto): Promise<void> {
  await fetch(`${moto.endpoint}/moto-api/recorder/reset-recording`, { method: 'POST' });
  await fetch(`${moto.endpoint}/moto-api/recorder/start-recording`, { method: 'POST' });
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** moto stores bodies base64-encoded when they are not plain text. */
  readonly body_encoded?: boolean;
}

/** Stops the recorder and returns what it logged. */
export async function stopRecording(moto: Moto): Promise<RecordedRequest[]> {
  await fetch(`${moto.endpoint}/moto-api/recorder/stop-recording`, { method: 'POST' });
  const text = await (await fetch(`${moto.endpoint}/moto-api/recorder/download-recording`)).text();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/**
 * The API action of a recorded request: the query protocol's Action=, the JSON protocol's X-Amz-Target,
 * or, for REST APIs (S3, Lambda, GuardDuty, Security Hub), the HTTP method and path.
 */
export function actionOf(request: RecordedRequest): string {
  const target = Object.entries(request.headers).find(([k]) => k.toLowerCase() === 'x-amz-target')?.[1];
  if (target) return target.split('.').pop()!;
  const body = request.body_encoded ? Buffer.from(request.body, 'base64').toString('utf8') : (request.body ?? '');
  const action = /(?:^|&)Action=([A-Za-z]+)/.exec(body) ?? /[?&]Action=([A-Za-z]+)/.exec(request.url);
  if (action) return action[1];
  return `${request.method} ${new URL(request.url, 'http://x').pathname}`;
}

/** Resets moto's whole state between tests. */
export async function resetMoto(moto: Moto): Promise<void> {
  await fetch(`${moto.endpoint}/moto-api/reset`, { method: 'POST' });
}
