/**
 * AWS clients (SDK for JavaScript v3, default credential chain), one per service and region,
 * every call through one bounded pool, and the classification of what can go wrong into one line.
 */

/** Default number of calls in flight at once. */
export const DEFAULT_CONCURRENCY = 16;

export interface AwsSettings {
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly concurrency?: number;
}

/** A call that failed in a way that is not an answer (denied, no credentials, no network). */
export class CallProblem extends Error {
  public constructor(
    public readonly kind: 'denied' | 'credentials' | 'network' | 'other',
    message: string,
    /** The AWS error code, when there is one. */
    public readonly code?: string,
  ) {
    super(message);
    this.name = 'CallProblem';
  }
}

type ClientClass = new (config: Record<string, unknown>) => { send(command: unknown): Promise<any>; destroy(): void };

/** Client module per service, loaded on first use: a run that needs no EC2 call never loads the EC2 client. */
const MODULES: Record<string, () => Record<string, any>> = {
  /* eslint-disable @typescript-eslint/no-require-imports */
  sts: () => require('@aws-sdk/client-sts'),
  cloudformation: () => require('@aws-sdk/client-cloudformation'),
  s3: () => require('@aws-sdk/client-s3'),
  iam: () => require('@aws-sdk/client-iam'),
  lambda: () => require('@aws-sdk/client-lambda'),
  logs: () => require('@aws-sdk/client-cloudwatch-logs'),
  dynamodb: () => require('@aws-sdk/client-dynamodb'),
  sqs: () => require('@aws-sdk/client-sqs'),
  sns: () => require('@aws-sdk/client-sns'),
  secretsmanager: () => require('@aws-sdk/client-secrets-manager'),
  ecr: () => require('@aws-sdk/client-ecr'),
  guardduty: () => require('@aws-sdk/client-guardduty'),
  config: () => require('@aws-sdk/client-config-service'),
  securityhub: () => require('@aws-sdk/client-securityhub'),
  ec2: () => require('@aws-sdk/client-ec2'),
  servicequotas: () => require('@aws-sdk/client-service-quotas'),
  rds: () => require('@aws-sdk/client-rds'),
  /* eslint-enable @typescript-eslint/no-require-imports */
};

const CLIENT_CLASS: Record<string, string> = {
  sts: 'STSClient',
  cloudformation: 'CloudFormationClient',
  s3: 'S3Client',
  iam: 'IAMClient',
  lambda: 'LambdaClient',
  logs: 'CloudWatchLogsClient',
  dynamodb: 'DynamoDBClient',
  sqs: 'SQSClient',
  sns: 'SNSClient',
  secretsmanager: 'SecretsManagerClient',
  ecr: 'ECRClient',
  guardduty: 'GuardDutyClient',
  config: 'ConfigServiceClient',
  securityhub: 'SecurityHubClient',
  ec2: 'EC2Client',
  servicequotas: 'ServiceQuotasClient',
  rds: 'RDSClient',
};

export type Service = keyof typeof CLIENT_CLASS;

export class Aws {
  private readonly clients = new Map<string, InstanceType<ClientClass>>();
  private readonly cache = new Map<string, Promise<any>>();
  private readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
  /** Every action called, for the tests and the least-privilege policy. */
  public readonly calls: string[] = [];

  public constructor(private readonly settings: AwsSettings) {
    this.limit = pool(settings.concurrency ?? DEFAULT_CONCURRENCY);
  }

  /**
   * Calls `Command` of `service` in `region` (memoized: the same question is asked once per run).
   * `permission` is the IAM action the call needs, named when it is denied.
   */
  public call<T = any>(service: Service, region: string, command: string, input: Record<string, unknown>, permission: string): Promise<T> {
    const key = `${service}|${region}|${command}|${JSON.stringify(input)}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.limit(async () => {
        const module = MODULES[service]();
        const client = this.client(service, region, module);
        this.calls.push(permission);
        try {
          return await client.send(new module[command](input));
        } catch (error) {
          throw annotate(error, permission);
        }
      });
      this.cache.set(key, pending);
    }
    return pending;
  }

  /** The SDK's own region resolution (environment, then the profile's config file), or undefined. */
  public async defaultRegion(): Promise<string | undefined> {
    try {
      const { STSClient } = MODULES.sts();
      const client = new STSClient({ ...(this.settings.profile ? { profile: this.settings.profile } : {}) });
      const region = await client.config.region();
      client.destroy();
      return typeof region === 'string' && region !== '' ? region : undefined;
    } catch {
      return undefined;
    }
  }

  public destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private client(service: Service, region: string, module: Record<string, any>): InstanceType<ClientClass> {
    const key = `${service}|${region}`;
    let client = this.clients.get(key);
    if (!client) {
      const Client = module[CLIENT_CLASS[service]] as ClientClass;
      client = new Client({
        region,
        ...(this.settings.profile ? { profile: this.settings.profile } : {}),
        ...(this.settings.endpointUrl ? { endpoint: this.settings.endpointUrl } : {}),
        // Emulators serve every bucket on one host.
        ...(service === 's3' && this.settings.endpointUrl ? { forcePathStyle: true } : {}),
        // A bucket in another region answers HeadBucket with a redirect: follow it to get the answer.
        ...(service === 's3' ? { followRegionRedirects: true } : {}),
        // One retry: an unreachable endpoint should be reported in seconds, not after minutes of backoff.
        maxAttempts: 2,
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
      });
      this.clients.set(key, client);
    }
    return client;
  }
}

/** Runs at most `size` tasks at once. */
export function pool(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'AuthorizationErrorException',
  'UnauthorizedException',
  'Forbidden',
]);
const BAD_CREDENTIALS = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'AuthFailure',
  'InvalidToken',
]);
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/** The error's AWS error code, or undefined. */
export function errorCode(error: unknown): string | undefined {
  const e = error as { name?: string; Code?: string; code?: string; __type?: string };
  return e?.Code ?? e?.name ?? e?.code;
}

function annotate(error: unknown, permission: string): unknown {
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number }; cause?: { code?: string } };
  const code = errorCode(error) ?? '';
  const systemCode = e?.code ?? e?.cause?.code ?? '';
  if (e?.name === 'CredentialsProviderError' || /Could not load credentials|credential/i.test(e?.name ?? '')) {
    return new CallProblem('credentials', `no AWS credentials found (${firstLine(e.message)}). Fix: set AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run in an environment with a role`);
  }
  if (BAD_CREDENTIALS.has(code)) {
    return new CallProblem('credentials', `the AWS credentials were rejected (${code}: ${firstLine(e.message)}). Fix: refresh them (aws sso login, new keys) or choose another --profile`);
  }
  if (DENIED.has(code)) {
    return new CallProblem('denied', `${permission} was denied (${code}): add ${permission} to the policy preflight runs with (the README lists every action it needs)`, code);
  }
  if (NETWORK.has(systemCode) || NETWORK.has(code) || e?.name === 'TimeoutError' || e?.name === 'RequestTimeout') {
    return new CallProblem('network', `cannot reach the AWS endpoint (${systemCode || code}: ${firstLine(e.message)}). Fix: check the network, the proxy, or --endpoint-url`);
  }
  return error;
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0].slice(0, 200);
}
