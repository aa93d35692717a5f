import { RuleDefinition, Violation } from './model';
import { asObject, show } from './values';

/** An unconstrained provider upgrades itself to the next major version on a fresh init. */
export const providerVersionConstraint: RuleDefinition = {
  metadata: {
    id: 'provider-version-constraint',
    title: 'Required providers carry a version constraint',
    lesson: '000 "Terraform (HCL) Common Issues" (missing provider version constraints)',
    why:
      'A required provider without a version is resolved to the newest release on every fresh `terraform init`, so a ' +
      'major release (AWS provider 5 to 6 renamed and removed arguments) breaks a stack that did not change.',
    fix:
      'Give every entry of terraform.required_providers a `version` constraint (cdktf provider classes add one; check ' +
      'providers added by hand or through overrides), e.g. `version = "~> 6.0"`.',
    notReported: [
      'Providers used without a required_providers entry: the rule reads required_providers only.',
      'How loose a constraint is: any non-empty version constraint is accepted.',
    ],
    defaultSeverity: 'warning',
    examples: {
      terraform: {
        nonCompliant: {
          blocks: { terraform: { required_providers: { random: { source: 'hashicorp/random' } } } },
          resource: { aws_sqs_queue: { orders: { name: 'orders-pr123' } } },
        },
        compliant: {
          blocks: { terraform: { required_providers: { random: { source: 'hashicorp/random', version: '~> 3.6' } } } },
          resource: { aws_sqs_queue: { orders: { name: 'orders-pr123' } } },
        },
      },
    },
  },
  terraformStack: (stack) => {
    const providers = asObject(stack.terraform?.requiredProviders);
    if (!providers) return [];
    const violations: Violation[] = [];
    for (const [name, spec] of Object.entries(providers)) {
      // Terraform 0.12 style: a bare string is the version constraint itself.
      const version = typeof spec === 'string' ? spec : asObject(spec)?.version;
      if (typeof version !== 'string' || version.trim() === '') {
        violations.push({ message: `Required provider "${name}" has no version constraint (${show(spec)}).`, location: `terraform.required_providers.${name}` });
      }
    }
    return violations;
  },
};
