// L3 constructs whose defaults encode the lessons; one construct per file.
export * from './s3-backend-with-lockfile';
export * from './suffixed-bucket';
export * from './config-recorder-with-correct-role';
export * from './p99-alarm';
export * from './lambda-zip-asset';
export * from './single-nat-vpc';
