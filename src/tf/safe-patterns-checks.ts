import * as path from 'path';
import { AnnotationMetadataEntryType, Annotations, App, IAspect, TerraformStack, Token } from 'cdktf';
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
        return checks.check(app, constructs.filter((c): c is TerraformStack => TerraformStack.isStack(c)), 'written', constructs);
      },
    });
    return checks;
  }

  private readonly props: SafePatternsChecksProps;
  private readonly config: ChecksConfiguration;
  private readonly checked = new Set<TerraformStack>();
  /** Shared by every stack this instance checks: a missing suffix is reported once. */
  private readonly missingSuffix = new MissingSuffixLatch();
  /** Stacks whose validation ran inside `app.synth()`, judged by the App's validation once they are written. */
  private readonly deferred = new WeakMap<App, TerraformStack[]>();

  public constructor(props: SafePatternsChecksProps = {}) {
    this.props = props;
    this.config = configure('tf.SafePatternsChecks', props);
  }

  /**
   * Aspect entry point: the stack's own validation evaluates it once its tree is final.
   *
   * Under `app.synth()` that validation runs before cdktf writes the stack, and the App's own
   * validations after it: the stack is then judged there, from its written cdk.tf.json, so it is
   * rendered once, not twice. Anywhere else (`Testing.synth(stack, true)`, `Testing.fullSynth`) no
   * App validation follows, and the stack validation renders the stack itself.
   */
  public visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) {
      const stack = node;
      stack.node.addValidation({ validate: () => this.validateStack(stack) });
    }
  }

  private validateStack(stack: TerraformStack): string[] {
    if (this.checked.has(stack)) return [];
    if (!insideAppSynth()) return this.check(stack, [stack]);
    const app = App.of(stack);
    let later = this.deferred.get(app);
    if (!later) {
      const stacks: TerraformStack[] = [];
      this.deferred.set(app, stacks);
      app.node.addValidation({ validate: () => this.validateDeferred(stacks) });
      later = stacks;
    }
    later.push(stack);
    return [];
  }

  /**
   * Judges the stacks whose validation was deferred, one at a time as their own validation would
   * have, and fails as it would have: the same message, `[stack path] finding` per error.
   */
  private validateDeferred(stacks: TerraformStack[]): string[] {
    const errors: string[] = [];
    for (const stack of stacks.splice(0)) {
      errors.push(...this.check(stack, [stack], 'deferred').map((line) => `[${stack.node.path}] ${line}`));
    }
    if (errors.length > 0) {
      // cdktf's stack validation message (errors.stackValidationFailure), which is not exported.
      throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}\n\n`
        + 'If you wish to ignore these validations, pass \'skipValidation: true\' to your App configuration.\n');
    }
    return [];
  }

  /**
   * @param mode 'render': a stack validation before the stack is written; 'written': applyTo's App
   * validation; 'deferred': a stack validation moved after the write (see visit)
   */
  private check(scope: IConstruct, stacks: TerraformStack[], mode: CheckMode = 'render', constructs?: IConstruct[]): string[] {
    const written = mode !== 'render';
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
    if (warnings.length > 0 && (mode === 'written' || errors.length > 0)) {
      // After the stacks are written (applyTo), cdktf's manifest already holds their annotations
      // and nothing prints a warning added later; when errors fail the synth, no manifest is
      // written at all. Either way, say them here, as the run ends, in the form of the errors.
      process.stderr.write(`${warningsHeader(warnings.length)}\n  ${warnings.map(formatFinding).join('\n  ')}\n`);
    }
    if (warnings.length > 0) {
      // A deferred stack's annotations are in the manifest already: its warnings join them there,
      // where the cdktf CLI prints them, as they would have from the stack's own validation.
      const manifest = mode === 'deferred' && errors.length === 0 ? App.of(scope).manifest.forStack(scope as TerraformStack) : undefined;
      for (const finding of warnings) {
        // Found by walking the path's ids: no path is built for the constructs without a warning.
        const target = findByPath(scope.node.root, finding.path);
        if (!target) continue;
        const message = formatFindingWithoutPath(finding);
        Annotations.of(target).addWarning(message);
        manifest?.annotations.push({ constructPath: target.node.path, level: AnnotationMetadataEntryType.WARN, message });
      }
    }
    if (this.config.writeReports) {
      for (const stack of todo) writeStackReports(stack, result);
    }
    return errors;
  }
}

type CheckMode = 'render' | 'written' | 'deferred';

/**
 * True while a cdktf `App#synth()` runs: then the App's own validations follow the
 * write of every stack. Read from the call stack, as no cdktf API says it; where the frame is not
 * found (another cdktf layout), the answer is false and the stack validation renders the stack, as
 * before: slower, never unchecked.
 */
function insideAppSynth(): boolean {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  let sites: NodeJS.CallSite[] = [];
  try {
    Error.stackTraceLimit = 64;
    Error.prepareStackTrace = (_error, callSites) => callSites;
    sites = (new Error() as unknown as { stack: NodeJS.CallSite[] }).stack;
  } finally {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = prepare;
  }
  const appFile = appSynthFile();
  return Array.isArray(sites) && appFile !== undefined && sites.some((site) => site.getFunctionName() === 'synth' && site.getFileName() === appFile);
}

let appSynthFileCache: { file?: string } | undefined;
/** The file of the cdktf this library loads that defines App#synth (a subclass's synth calls it through super). */
function appSynthFile(): string | undefined {
  if (!appSynthFileCache) {
    try {
      appSynthFileCache = { file: require.resolve('cdktf/lib/app.js') };
    } catch {
      appSynthFileCache = {};
    }
  }
  return appSynthFileCache.file;
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
