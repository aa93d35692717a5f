import {
  attachCustomSynthesis,
  IAspect,
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
  Stage,
  Token,
  UnscopedValidationError,
} from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { checksRun } from './checks-run';
import { SafePatternsChecksProps } from '../core/api/checks-props';
import { acknowledgementsFromMetadata, PLUGIN_NAME } from '../core/engine/acknowledgements';
import { MissingSuffixLatch } from '../core/engine/checks-setup';
import { readTemplates } from '../core/engine/cloud-assembly';
import { ChecksConfiguration, configure } from '../core/engine/configure';
import { countFindings, evaluate, failing, Finding } from '../core/engine/evaluate';
import { toolVersion } from '../core/engine/tool-version';
import { ENVIRONMENT_SUFFIX_METADATA_KEY, ENVIRONMENT_SUFFIX_VARIABLE, resolveEnvironmentSuffix } from '../core/environment-suffix';

const HOOK_ID = 'SafePatternsChecks';
/** The name aws-cdk-lib gives its own validation failure. */
const VALIDATION_FAILED = 'ValidationFailedWithErrors' as ConstructorParameters<typeof UnscopedValidationError>[0];

/**
 * Runs the cdk-safe-patterns rule catalogue over every CfnResource of an aws-cdk-lib app
 * (nested stacks and Stages included) and fails synthesis on error findings.
 *
 * Use it as an Aspect, which makes `app.synth()` throw with one line per finding and writes
 * `safe-patterns-report.json` and `safe-patterns-report.sarif` into the cloud assembly:
 *
 *   Aspects.of(app).add(new cdk.SafePatternsChecks({ environmentSuffix: 'pr123' }));
 *
 * or as a policy validation plugin, reported through aws-cdk-lib's validation report:
 *
 *   Validations.of(app).addPlugins(new cdk.SafePatternsChecks());
 */
export class SafePatternsChecks implements IAspect, IPolicyValidationPlugin {
  /** Plugin name shown in aws-cdk-lib's validation report; acknowledgement ids are `SafePatterns::<rule-id>`. */
  public readonly name: string = PLUGIN_NAME;
  /** This library's version. */
  public readonly version?: string = toolVersion();
  /** Ids of the rules that run. */
  public readonly ruleIds?: string[];

  private readonly props: SafePatternsChecksProps;
  private readonly config: ChecksConfiguration;
  private readonly scopes = new Set<IConstruct>();
  private readonly armed = new Set<IConstruct>();
  /** Shared by every scope this instance checks: a missing suffix is reported once. */
  private readonly missingSuffix = new MissingSuffixLatch();

  public constructor(props: SafePatternsChecksProps = {}) {
    this.props = props;
    this.config = configure('SafePatternsChecks', props);
    this.ruleIds = this.config.rules.filter((r) => this.config.severities[r.metadata.id] !== 'off').map((r) => r.metadata.id);
  }

  /**
   * Aspect entry point. The scope it was added to gets a validation, which runs after every
   * aspect on the final tree; it adds a construct, last in the scope's stage, whose synthesis
   * step evaluates the templates aws-cdk-lib has just written for the stage. Each resource is
   * rendered once, by aws-cdk-lib's synthesis, and checked as written.
   */
  public visit(node: IConstruct): void {
    if (this.scopeOf(node) === node) {
      node.node.addValidation({ validate: () => this.arm(node) });
    }
  }

  /** Policy validation plugin entry point: evaluates the written templates. */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const read = readTemplates(context.templatePaths);
    const acknowledgements = read.metadata.flatMap((m) => acknowledgementsFromMetadata(m.path, m.entries));
    // The suffix the app's EnvironmentSuffix helpers recorded, when they agree.
    const suffixes = new Set(
      read.metadata.flatMap((m) => m.entries.filter((e) => e.type === ENVIRONMENT_SUFFIX_METADATA_KEY).map((e) => String(e.data))),
    );
    const result = evaluate(read.stacks, {
      ...this.config,
      environmentSuffix: this.props.environmentSuffix ?? (suffixes.size === 1 ? [...suffixes][0] : undefined) ?? envSuffix(),
      acknowledgements,
    });
    const violations: PolicyViolation[] = result.findings.map((f) => ({
      ruleName: f.ruleId,
      description: f.acknowledgement ? `Acknowledged (${f.acknowledgement.reason}): ${f.message}` : f.message,
      fix: f.fix,
      severity: f.acknowledgement ? 'acknowledged' : f.severity,
      violatingResources: [
        {
          resourceLogicalId: f.logicalId,
          templatePath: read.files[f.stack] ?? context.templatePaths[0],
          locations: [f.location ?? ''],
        },
      ],
    }));
    return {
      success: failing(result.findings).length === 0,
      violations,
      pluginVersion: this.version,
      metadata: summary(result.findings),
    };
  }

  private scopeOf(node: IConstruct): IConstruct {
    for (const ancestor of node.node.scopes) {
      if (this.scopes.has(ancestor)) return ancestor;
    }
    this.scopes.add(node);
    return node;
  }

  /** Adds the synthesis step that checks `scope` (once), as the last child of the scope's stage. */
  private arm(scope: IConstruct): string[] {
    const stage = Stage.isStage(scope) ? scope : Stage.of(scope);
    if (!stage || this.armed.has(scope)) return [];
    let id = HOOK_ID;
    for (let n = 2; stage.node.tryFindChild(id); n++) id = `${HOOK_ID}${n}`;
    const hook = new Construct(stage, id);
    // Stacks are written in a post-order walk of the stage, so a child added after every
    // stack runs once all their templates are written, and before the manifest is.
    attachCustomSynthesis(hook, { onSynthesize: () => this.check(scope) });
    this.armed.add(scope);
    return [];
  }

  /** Evaluates the written templates; throws as aws-cdk-lib's validation does when errors fail the synth. */
  private check(scope: IConstruct): void {
    const run = checksRun(scope, this.config, this.props.environmentSuffix, this.missingSuffix);
    if (run.errors.length === 0) return;
    // The warnings of the same run are listed too: no manifest carries them when synthesis fails.
    const warnings = run.warnings.length > 0 ? `\nWarnings of the same run (they do not fail synthesis):\n  ${run.warnings.join('\n  ')}` : '';
    throw new UnscopedValidationError(VALIDATION_FAILED, `Validation failed with the following errors:\n  ${run.errors.join('\n  ')}${warnings}`);
  }
}

function summary(findings: readonly Finding[]): Record<string, string> {
  const { errors, warnings, acknowledged } = countFindings(findings);
  return { errors: String(errors), warnings: String(warnings), acknowledged: String(acknowledged) };
}

/** Plugin mode cannot read context: the environment variable is the last source it has. */
function envSuffix(): string | undefined {
  try {
    const resolved = resolveEnvironmentSuffix({
      path: '',
      environmentVariable: process.env[ENVIRONMENT_SUFFIX_VARIABLE],
      isUnresolved: (v) => Token.isUnresolved(v),
    });
    return resolved.unresolved ? undefined : resolved.value;
  } catch {
    return undefined;
  }
}

