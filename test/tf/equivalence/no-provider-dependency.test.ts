import * as fs from 'fs';
import * as path from 'path';

// The library must not bring @cdktf/provider-aws to its users: npm would install it (392 MB) and the
// Python package would require cdktf-cdktf-provider-aws, whose import alone takes 16 s and 590 MB.

const ROOT = path.join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('the runtime closure has no AWS provider package', () => {
  test('GIVEN package.json THEN @cdktf/provider-aws is a devDependency only', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.peerDependencies ?? {})).not.toContain('@cdktf/provider-aws');
    expect(Object.keys(pkg.dependencies ?? {})).not.toContain('@cdktf/provider-aws');
    expect(pkg.bundledDependencies ?? []).not.toContain('@cdktf/provider-aws');
    // It stays, as the tests' oracle.
    expect(Object.keys(pkg.devDependencies)).toContain('@cdktf/provider-aws');
    // cdktf itself stays a peer: the constructs are built on its core classes.
    expect(Object.keys(pkg.peerDependencies)).toEqual(expect.arrayContaining(['aws-cdk-lib', 'cdktf', 'constructs']));
  });

  test('GIVEN every source file THEN none imports or requires @cdktf/provider-aws (doc comments aside)', () => {
    const offenders = sourceFiles(path.join(ROOT, 'src')).flatMap((file) => {
      const code = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      return /(from|require\(|import\()\s*['"]@cdktf\/provider-aws/.test(code) ? [path.relative(ROOT, file)] : [];
    });
    expect(offenders).toEqual([]);
  });
});
