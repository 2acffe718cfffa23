/** The ALUA commands' shared flags: which target group a member is in, and a remote port's id. */
import * as Flags from '@oclif/core/flags';
import { integerFlag } from '../cli/integer-flag.js';

export const memberFlags = {
  'target-group': Flags.string({ description: 'the member is a target of this target group (else a device of the device group)', helpValue: 'TARGET-GROUP' }),
  'rel-tgt-id': integerFlag({ description: 'a target on another node (remote port): its relative target id there', min: 1, max: 65535, helpValue: 'N', dependsOn: ['target-group'] }),
};
