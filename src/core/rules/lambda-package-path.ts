import * as fs from 'fs';
import * as path from 'path';
import { CfnExample, NOT_APPLICABLE, ResourceView, RuleContext, RuleDefinition, Violation } from './model';
import { exampleCfnFunction, exampleTfArchiveFunction, exampleTfFunction } from './shared/examples';
import {
  cfnLambdaFunction,
  CodeSource,
  handlerTarget,
  hasLayers,
  inlineCode,
  openCode,
  RuntimeFamily,
  runtimeFamily,
  SAM_FUNCTION_TYPE,
  terraformCodePath,
  terraformInlineArchive,
} from './shared/lambda-code';
import { asObject, isSet, isTfInterpolation, literalString, show } from './values';

const PYTHON_HANDLER = 'import json\n\n\ndef handler(event, context):\n    return {"statusCode": 200, "body": json.dumps({"healthy": True})}\n';
/** The health check's Terraform attributes other than its code. */
const TF_FUNCTION = { function_name: 'health-check-pr123', handler: 'health_check.handler', runtime: 'python3.12' };

/**
 * A function's package must hold the file its handler names, at a path that does not
 * depend on where the tool runs; otherwise the deployment fails or the function cannot start.
 */
export const lambdaPackagePath: RuleDefinition = {
  metadata: {
    id: 'lambda-package-path',
    title: 'Lambda package exists, is traceable, and holds the handler',
    lesson: '002 "Critical Failure #3: Missing Lambda Deployment Package", 004 "Failure #4: Lambda Function Path Issues", 003 "Issue 2: Lambda Container Images Without ECR"',
    why:
      'A package that lacks the handler\'s file deploys, then every invocation fails with "Runtime.ImportModuleError" ' +
      '(inline code is always stored as index.js / index.py, so only an index.<function> handler works). In Terraform, a ' +
      'relative `filename` is resolved against the directory Terraform runs in, so synthesis or plan fails with "no such ' +
      'file or directory" (filebase64sha256) depending on the working directory; an absolute path that does not exist ' +
      'fails the same way, and without `source_code_hash` Terraform does not notice new code and keeps the old package.',
    fix:
      'Package the code with this library\'s LambdaZipAsset, which resolves the path from your source file, zips the ' +
      'directory at synthesis and sets source_code_hash (in aws-cdk-lib, lambda.Code.fromAsset with an absolute ' +
      'path.join(__dirname, ...) does the same); make the handler name the file inside the package ' +
      '(`app.handler` -> app.py / app.js at the package root, `lambda/app.handler` -> lambda/app.*), and use ' +
      'index.<function> for inline code.',
    notReported: [
      'Functions with layers (a layer may hold the handler\'s module), handlers outside the package (absolute or `..` paths), and container images.',
      'Code in S3, or a SAM CodeUri local path (replaced by `sam build` / `sam package`): the package is not on the local disk.',
      'SAM `Globals.Function` Handler or Runtime: the views hold each function\'s own properties only, so such a function is not judged.',
    ],
    defaultSeverity: 'error',
    examples: {
      cloudformation: {
        nonCompliant: cfnExample('app.handler'),
        compliant: cfnExample('index.handler'),
      },
      terraform: {
        nonCompliant: {
          resource: exampleTfFunction('health_check', 'health-check-role-pr123', {
            ...TF_FUNCTION,
            filename: 'lambda/health_check.zip',
            source_code_hash: '${filebase64sha256("lambda/health_check.zip")}',
          }),
        },
        compliant: {
          resource: exampleTfArchiveFunction('health_check', 'health-check-role-pr123', { filename: 'health_check.py', content: PYTHON_HANDLER }, TF_FUNCTION),
        },
      },
    },
  },
  cloudformation: (resource) => {
    // AWS::Serverless::Function (SAM) too, its InlineCode / CodeUri read as Code.ZipFile / Code.
    const fn = cfnLambdaFunction(resource);
    if (!fn) return NOT_APPLICABLE;
    const properties = fn.properties;
    if (literalString(properties.PackageType) === 'Image') return NOT_APPLICABLE;
    const zipFile = asObject(properties.Code)?.ZipFile;
    const handler = handlerCheck(properties.Runtime, properties.Handler, properties.Layers, 'Properties/Handler');
    if (handler === undefined) return NOT_APPLICABLE;
    if (handler.malformed) return [handler.malformed];
    if (zipFile !== undefined && zipFile !== null) {
      // CloudFormation writes inline code to a single index.js / index.py.
      const file = handler.family === 'nodejs' ? 'index.js' : 'index.py';
      const what = resource.type === SAM_FUNCTION_TYPE ? 'InlineCode' : 'Code.ZipFile';
      return handler.check(storedInline(file), `inline code (${what}) is stored as ${file}, so the handler must be index.<function>`);
    }
    return checkAsset(resource.assetPath, handler, fn.locations.code) ?? NOT_APPLICABLE;
  },
  terraform: (resource, context) => {
    if (resource.type !== 'aws_lambda_function') return NOT_APPLICABLE;
    const properties = asObject(resource.properties) ?? {};
    if (literalString(properties.package_type) === 'Image') return NOT_APPLICABLE;
    const filename = properties.filename;
    if (filename === undefined || filename === null) {
      // S3 or image packages: nothing on the local disk to check.
      return NOT_APPLICABLE;
    }
    const violations: Violation[] = [...checkFilename(resource, filename)];
    const hash = properties.source_code_hash;
    if (!isSet(hash)) {
      violations.push({
        message:
          `filename ${show(filename)} is set without source_code_hash: Terraform sees no change when the package's ` +
          'content changes, so updates keep deploying the old code.',
        location: 'source_code_hash',
      });
    }
    violations.push(...checkTerraformHandler(resource, context, properties, filename));
    return violations;
  },
};

/** The package CloudFormation makes of inline code: one file, the same for every function (made once per name). */
const STORED_INLINE = new Map<string, CodeSource>();
function storedInline(file: string): CodeSource {
  let code = STORED_INLINE.get(file);
  if (!code) STORED_INLINE.set(file, (code = inlineCode({ [file]: '' })));
  return code;
}

interface HandlerCheck {
  readonly family: RuntimeFamily;
  /** Set when the handler string itself is invalid. */
  readonly malformed?: Violation;
  /** [] when the code holds the handler's file, else the violation, ending with `but <absent>.` */
  check(code: CodeSource, absent: string): Violation[];
}

/** Undefined when nothing is provable: no literal handler, a runtime without files to look for, or layers. */
function handlerCheck(runtime: unknown, handlerValue: unknown, layers: unknown, location: string): HandlerCheck | undefined {
  const family = runtimeFamily(runtime);
  const handler = literalString(handlerValue);
  if (family === undefined || handler === undefined || typeof handlerValue === 'number') return undefined;
  const target = handlerTarget(handler, family);
  if (target.kind === 'malformed') {
    return {
      family,
      malformed: {
        message: `Handler ${show(handler)} is malformed (${target.reason}): Lambda fails with Runtime.MalformedHandlerName.`,
        location,
      },
      check: () => [],
    };
  }
  // A layer (or a path outside the package) may provide the module: not provable.
  if (target.kind === 'outside' || hasLayers(layers)) return undefined;
  return {
    family,
    check: (code, absent) =>
      target.foundIn(code) ? [] : [{ message: `Handler ${show(handler)} needs ${target.expected}, but ${absent}.`, location }],
  };
}

/** The handler check against an asset path; undefined when the asset cannot be looked at. */
function checkAsset(assetPath: string | undefined, handler: HandlerCheck, codeLocation: string): Violation[] | undefined {
  const opened = openCode(assetPath);
  if (opened.status === 'ok') {
    return handler.check(opened.code, `the asset ${show(opened.code.location)} has no such file`);
  }
  if (opened.status === 'corrupt') {
    return [
      {
        message: `The code package ${show(assetPath)} is not a readable zip archive (${opened.reason}); Lambda cannot unpack it either.`,
        location: codeLocation,
      },
    ];
  }
  return undefined;
}

/** Terraform `filename`: relative (unless traced to a TerraformAsset), or absolute and missing. */
function checkFilename(resource: ResourceView, filename: unknown): Violation[] {
  // A reference (${path.module}/..., ${archive_file.x.output_path}) is judged by what it points at, not as a path.
  if (typeof filename !== 'string' || isTfInterpolation(filename) || resource.assetPath) return [];
  if (!path.isAbsolute(filename) && !path.win32.isAbsolute(filename)) {
    return [
      {
        message:
          `filename ${show(filename)} is a relative path: Terraform resolves it against the directory it runs in ` +
          '(cdktf.out/stacks/<stack>), not your project, so the package is found or missing depending on where the command runs.',
        location: 'filename',
      },
    ];
  }
  if (path.isAbsolute(filename) && !exists(filename)) {
    return [{ message: `filename ${show(filename)} does not exist on this machine.`, location: 'filename' }];
  }
  return [];
}

function checkTerraformHandler(resource: ResourceView, context: RuleContext, properties: Record<string, any>, filename: unknown): Violation[] {
  const handler = handlerCheck(properties.runtime, properties.handler, properties.layers, 'handler');
  if (handler === undefined) return [];
  if (handler.malformed) return [handler.malformed];
  const codePath = terraformCodePath(resource.assetPath, filename);
  if (codePath !== undefined) {
    return checkAsset(codePath, handler, 'filename') ?? [];
  }
  const archive = terraformInlineArchive(filename, context);
  // Files from source_dir / source_file are unknown: only an all-inline archive proves a file missing.
  return archive?.complete ? handler.check(archive.code, `${archive.address} has no such file`) : [];
}

function exists(file: string): boolean {
  try {
    fs.statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** The health check with inline Python code and this handler. */
function cfnExample(handler: string): CfnExample {
  return {
    resources: exampleCfnFunction('HealthCheck', {
      Code: { ZipFile: PYTHON_HANDLER },
      FunctionName: 'health-check-pr123',
      Handler: handler,
      Runtime: 'python3.12',
    }),
  };
}
