import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack } from 'cdktf';

// terraform validate needs the binary and the AWS provider mirror this machine may hold;
// elsewhere the tests using it are skipped with a message.
export const TERRAFORM = '/usr/local/bin/terraform';
export const PROVIDER_MIRROR = '/opt/tf-plugins';

/** The AWS provider version the mirror holds, if any. */
export const mirroredAwsVersion: string | undefined = (() => {
  try {
    return fs.readdirSync(path.join(PROVIDER_MIRROR, 'registry.terraform.io', 'hashicorp', 'aws'))[0];
  } catch {
    return undefined;
  }
})();

/** True when `terraform validate` can run offline here. */
export const canValidate = fs.existsSync(TERRAFORM) && mirroredAwsVersion !== undefined;

/** Prints why a terraform validate test is skipped; call once per test file. */
export function reportValidateSkip(what: string): void {
  if (!canValidate) console.log(`${what} skipped: needs ${TERRAFORM} and an AWS provider mirror under ${PROVIDER_MIRROR}`);
}

/** Pins the stack's AWS provider to the mirror's version, so init needs no network. */
export function pinAwsToMirror(stack: TerraformStack): void {
  if (mirroredAwsVersion) stack.addOverride('terraform.required_providers.aws.version', mirroredAwsVersion);
}

export interface ValidateResult {
  readonly initStatus: number | null;
  readonly status: number | null;
  readonly output: string;
}

/** `terraform init -backend=false` then `terraform validate` in a synthesized stack directory. */
export function terraformValidate(stackDir: string): ValidateResult {
  const cliConfig = path.join(stackDir, '..', '..', 'terraform.rc');
  fs.writeFileSync(cliConfig, `provider_installation {\n  filesystem_mirror {\n    path = "${PROVIDER_MIRROR}"\n  }\n}\n`);
  const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  const init = spawnSync(TERRAFORM, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: stackDir, env, encoding: 'utf8' });
  if (init.status !== 0) return { initStatus: init.status, status: init.status, output: init.stdout + init.stderr };
  const validate = spawnSync(TERRAFORM, ['validate', '-no-color'], { cwd: stackDir, env, encoding: 'utf8' });
  return { initStatus: init.status, status: validate.status, output: validate.stdout + validate.stderr };
}
