import * as path from 'path';
import { Annotations, App, IAspect, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { stackViewOf } from './tf-views';
import { SafePatternsChecksProps } from '../core/api/checks-props';
import { checksSetup, MissingSuffixLatch } from '../core/engine/checks-setup';
import { ChecksConfiguration, configure } from '../core/engine/configure';
import { evaluate, EvaluationResult, failing, formatFinding, formatFindingWithoutPath } from '../core/engine/evaluate';
import { writeReports } from '../core/engine/reports';
import { toolVersion } from '../core/engine/tool-version';

/**
 * Runs the cdk-safe-patterns rule catalogue over cdktf stacks and fails `app.synth()` on error
 * findings, with one line per finding. Reports (`safe-patterns-report.json`,
 * `safe-patterns-report.sarif`) are written beside each stack's cdk.tf.json.
 *
 * cdktf runs Aspects only on stacks, never on the App: use `SafePatternsChecks.applyTo(app)`
 * to cover every stack of an app, including stacks created after the call, or add it to one
 * stack with `Aspects.of(stack).add(new tf.SafePatternsChecks())`.
 */
export class SafePatternsChecks implements IAspect {
  /**
   * Checks every stack of the app at synthesis, including stacks created after this call.
   *
   * @param app the cdktf App
   * @param props configuration of the checks
   */
  public static applyTo(app: App, props: SafePatternsChecksProps = {}): SafePatternsChecks {
    const checks = new SafePatternsChecks(props);
    // An App-level validation runs after every stack is synthesized, so it sees all of them.
    // The stacks' cdk.tf.json are written by then: the views read them back instead of rendering again.
    // One walk of the tree serves both: the stacks, and the acknowledgements and suffixes on any construct.
    app.node.addValidation({
      validate: () => {
        const constructs = app.node.findAll();
        return checks.check(app, constructs.filter((c): c is TerraformStack => TerraformStack.isStack(c)), true, constructs);
      },
    });
    return checks;
  }

  private readonly props: SafePatternsChecksProps;
  private readonly config: ChecksConfiguration;
  private readonly checked = new Set<TerraformStack>();
  /** Shared by every stack this instance checks: a missing suffix is reported once. */
  private readonly missingSuffix = new MissingSuffixLatch();

  public constructor(props: SafePatternsChecksProps = {}) {
    this.props = props;
    this.config = configure('tf.SafePatternsChecks', props);
  }

  /** Aspect entry point: the stack's own validation evaluates it once its tree is final. */
  public visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) {
      node.node.addValidation({ validate: () => this.check(node, [node]) });
    }
  }

  private check(scope: IConstruct, stacks: TerraformStack[], written = false, constructs?: IConstruct[]): string[] {
    const todo = stacks.filter((s) => !this.checked.has(s));
    if (todo.length === 0) return [];
    todo.forEach((s) => this.checked.add(s));

    const setup = checksSetup(scope, this.config, this.props.environmentSuffix, (v) => Token.isUnresolved(v), constructs ?? scope.node.findAll());
    const views = todo.map((stack) => stackViewOf(stack, written));
    const result = evaluate(views, {
      ...this.config,
      environmentSuffix: setup.environmentSuffix,
      missingSuffix: setup.missingSuffix !== undefined ? this.missingSuffix.latch(setup.missingSuffix) : undefined,
      acknowledgements: setup.acknowledgements,
    });

    const warnings = result.findings.filter((f) => f.severity === 'warning' && !f.acknowledgement);
    const errors = [...setup.setupErrors, ...failing(result.findings).map(formatFinding)];
    if (warnings.length > 0 && (written || errors.length > 0)) {
      // After the stacks are written (applyTo), cdktf's manifest already holds their annotations
      // and nothing prints a warning added later; when errors fail the synth, no manifest is
      // written at all. Either way, say them here, as the run ends, in the form of the errors.
      process.stderr.write(`${warningsHeader(warnings.length)}\n  ${warnings.map(formatFinding).join('\n  ')}\n`);
    }
    if (warnings.length > 0) {
      for (const finding of warnings) {
        // Found by walking the path's ids: no path is built for the constructs without a warning.
        const target = findByPath(scope.node.root, finding.path);
        if (target) Annotations.of(target).addWarning(formatFindingWithoutPath(finding));
      }
    }
    if (this.config.writeReports) {
      for (const stack of todo) writeStackReports(stack, result);
    }
    return errors;
  }
}

function warningsHeader(count: number): string {
  return `tf.SafePatternsChecks: ${count === 1 ? '1 warning' : `${count} warnings`} (they do not fail synthesis):`;
}

function findByPath(root: IConstruct, constructPath: string): IConstruct | undefined {
  let current: IConstruct | undefined = root;
  for (const id of constructPath === '' ? [] : constructPath.split('/')) {
    current = current.node.tryFindChild(id);
    if (!current) return undefined;
  }
  return current;
}

/** Writes the stack's share of the findings beside its cdk.tf.json (outdir/stacks/<name>/). */
function writeStackReports(stack: TerraformStack, result: EvaluationResult): void {
  const app = App.of(stack);
  const directory = path.join(app.outdir, 'stacks', stack.node.id);
  const mine: EvaluationResult = {
    ...result,
    findings: result.findings.filter((f) => f.stack === stack.node.id),
  };
  writeReports(directory, mine, { engine: 'terraform', toolVersion: toolVersion(), files: { [stack.node.id]: 'cdk.tf.json' } });
}
