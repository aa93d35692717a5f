// The tf constructs as they were written on @cdktf/provider-aws's generated classes (before the library
// stopped depending on the provider): the test oracle for the constructs' output. Not shipped.
export { SuffixedBucket } from './suffixed-bucket';
export { ConfigRecorderWithCorrectRole } from './config-recorder-with-correct-role';
export { P99Alarm } from './p99-alarm';
export { SingleNatVpc } from './single-nat-vpc';
