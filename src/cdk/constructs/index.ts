// L3 constructs whose defaults encode the lessons; one construct per file.
export * from './config-recorder-with-correct-role';
export * from './lambda-zip-asset';
export * from './p99-alarm';
export * from './single-nat-vpc';
export * from './suffixed-bucket';
