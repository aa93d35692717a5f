import { App, TerraformElement, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { acknowledgementsFromMetadata, onAcknowledgement } from '../core/engine/acknowledgements';
import { Acknowledgement } from '../core/engine/evaluate';
import { TF_OUTPUT_METADATA_KEY, TerraformOutputMetadata } from '../core/engine/terraform-json';
import { ENVIRONMENT_SUFFIX_METADATA_KEY } from '../core/environment-suffix';

const ID = 'SafePatternsOutputMetadata';

/**
 * Writes what the checks read from construct metadata (acknowledgements, the environment suffix)
 * into the stack's cdk.tf.json, under `//.metadata["cdk-safe-patterns"]`: cdktf writes no construct
 * metadata to its output, and the command line only has the output. Gathered at synthesis, so
 * acknowledgements made after this element was added are included. Writes nothing to Terraform
 * itself: `//` is a comment key.
 */
export class OutputMetadata extends TerraformElement {
  /** The stack's one recorder, added on first use. */
  public static of(stack: TerraformStack): OutputMetadata {
    return (stack.node.tryFindChild(ID) as OutputMetadata | undefined) ?? new OutputMetadata(stack);
  }

  /** Records on the stack `scope` is in; for an App, on every stack it holds so far. */
  public static recordFor(scope: IConstruct): void {
    const stack = [...scope.node.scopes].reverse().find((c) => TerraformStack.isStack(c)) as TerraformStack | undefined;
    if (stack) {
      OutputMetadata.of(stack);
    } else if (App.isApp(scope)) {
      scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c)).forEach((s) => OutputMetadata.of(s));
    }
  }

  private constructor(private readonly stack: TerraformStack) {
    super(stack, ID);
  }

  public toMetadata(): any {
    const environmentSuffixes = new Set<string>();
    const acknowledgements: Acknowledgement[] = [];
    // The stack's tree, and its ancestors (an acknowledgement on the App covers every stack).
    for (const construct of [...this.stack.node.scopes.slice(0, -1), ...this.stack.node.findAll()]) {
      const metadata = construct.node.metadata;
      if (metadata.length === 0) continue;
      for (const entry of metadata) {
        if (entry.type === ENVIRONMENT_SUFFIX_METADATA_KEY && typeof entry.data === 'string') environmentSuffixes.add(entry.data);
      }
      acknowledgements.push(...acknowledgementsFromMetadata(construct.node.path, metadata));
    }
    const recorded: TerraformOutputMetadata = {
      ...(environmentSuffixes.size > 0 ? { environmentSuffixes: [...environmentSuffixes] } : {}),
      ...(acknowledgements.length > 0 ? { acknowledgements } : {}),
    };
    return Object.keys(recorded).length > 0 ? { [TF_OUTPUT_METADATA_KEY]: recorded } : {};
  }
}

// SafePatterns.acknowledge lives in the framework-free core; this is how cdktf scopes get recorded.
onAcknowledgement((scope) => OutputMetadata.recordFor(scope));
