import {
  Annotations,
  CfnResource,
  IAspect,
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
  Stage,
  Token,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checksRun, ChecksRun } from './checks-run';
import { SafePatternsChecksProps } from '../core/api/checks-props';
import { acknowledgementsFromMetadata, PLUGIN_NAME } from '../core/engine/acknowledgements';
import { MissingSuffixLatch } from '../core/engine/checks-setup';
import { readTemplates } from '../core/engine/cloud-assembly';
import { ChecksConfiguration, configure } from '../core/engine/configure';
import { countFindings, evaluate, failing, Finding, formatFinding, formatFindingWithoutPath } from '../core/engine/evaluate';
import { toolVersion } from '../core/engine/tool-version';
import { ENVIRONMENT_SUFFIX_METADATA_KEY, ENVIRONMENT_SUFFIX_VARIABLE, resolveEnvironmentSuffix } from '../core/environment-suffix';

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
  private readonly runs = new Map<IConstruct, ChecksRun>();
  /** Shared by every scope this instance checks: a missing suffix is reported once. */
  private readonly missingSuffix = new MissingSuffixLatch();

  public constructor(props: SafePatternsChecksProps = {}) {
    this.props = props;
    this.config = configure('SafePatternsChecks', props);
    this.ruleIds = this.config.rules.filter((r) => this.config.severities[r.metadata.id] !== 'off').map((r) => r.metadata.id);
  }

  /** Aspect entry point: registers the validations that evaluate the finished tree. */
  public visit(node: IConstruct): void {
    const scope = this.scopeOf(node);
    if (scope === node) {
      // The first node visited is the one the aspect was added to. Its validation runs
      // after every aspect, on the final tree, before anything is written.
      node.node.addValidation({ validate: () => this.scopeErrors(node) });
    }
    if (CfnResource.isCfnResource(node) && sameStage(node, scope)) {
      node.node.addValidation({ validate: () => this.resourceErrors(scope, node) });
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

  private run(scope: IConstruct): ChecksRun {
    let run = this.runs.get(scope);
    if (!run) {
      run = checksRun(scope, this.config, this.props.environmentSuffix, this.missingSuffix);
      this.runs.set(scope, run);
      for (const finding of run.result.findings) {
        if (finding.severity === 'warning' && !finding.acknowledgement) {
          const target = run.tree.constructs.get(finding.path);
          if (target) Annotations.of(target).addWarningV2(`${PLUGIN_NAME}::${finding.ruleId}`, formatFindingWithoutPath(finding));
        }
      }
    }
    return run;
  }

  private scopeErrors(scope: IConstruct): string[] {
    const run = this.run(scope);
    // Findings in Stages below the scope: their own validations ran before this aspect, so report them here.
    const elsewhere = failing(run.result.findings).filter((f) => {
      const construct = run.tree.constructs.get(f.path);
      return !construct || !sameStage(construct, scope);
    });
    return [...run.setupErrors, ...run.tree.problems, ...elsewhere.map(formatFinding)];
  }

  private resourceErrors(scope: IConstruct, resource: IConstruct): string[] {
    return this.run(scope).errorsByPath.get(resource.node.path) ?? [];
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

function sameStage(a: IConstruct, b: IConstruct): boolean {
  const stageOf = (c: IConstruct) => (Stage.isStage(c) ? c : Stage.of(c));
  return stageOf(a) === stageOf(b);
}
