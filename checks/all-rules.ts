// The rule set `prospect synth` runs, in id order. A new rule is one file in rules/ plus a line here.

import type { SecurityRule } from './types';
import { CKV2_AWS_6 } from './rules/CKV2_AWS_6';
import { CKV2_AWS_65 } from './rules/CKV2_AWS_65';
import { CKV_AWS_7 } from './rules/CKV_AWS_7';
import { CKV_AWS_18 } from './rules/CKV_AWS_18';
import { CKV_AWS_19 } from './rules/CKV_AWS_19';
import { CKV_AWS_21 } from './rules/CKV_AWS_21';
import { CKV_AWS_27 } from './rules/CKV_AWS_27';
import { CKV_AWS_45 } from './rules/CKV_AWS_45';
import { CKV_AWS_50 } from './rules/CKV_AWS_50';
import { CKV_AWS_53 } from './rules/CKV_AWS_53';
import { CKV_AWS_54 } from './rules/CKV_AWS_54';
import { CKV_AWS_55 } from './rules/CKV_AWS_55';
import { CKV_AWS_56 } from './rules/CKV_AWS_56';
import { CKV_AWS_63 } from './rules/CKV_AWS_63';
import { CKV_AWS_66 } from './rules/CKV_AWS_66';
import { CKV_AWS_82 } from './rules/CKV_AWS_82';
import { CKV_AWS_115 } from './rules/CKV_AWS_115';
import { CKV_AWS_116 } from './rules/CKV_AWS_116';
import { CKV_AWS_145 } from './rules/CKV_AWS_145';
import { CKV_AWS_149 } from './rules/CKV_AWS_149';
import { CKV_AWS_158 } from './rules/CKV_AWS_158';
import { CKV_AWS_300 } from './rules/CKV_AWS_300';
import { CKV_AWS_338 } from './rules/CKV_AWS_338';
import { CKV_AWS_355 } from './rules/CKV_AWS_355';
import { PRS_S3_TLS_ONLY } from './rules/PRS_S3_TLS_ONLY';

export const SECURITY_RULES: readonly SecurityRule[] = [
  CKV_AWS_7,
  CKV_AWS_18,
  CKV_AWS_19,
  CKV_AWS_21,
  CKV_AWS_27,
  CKV_AWS_45,
  CKV_AWS_50,
  CKV_AWS_53,
  CKV_AWS_54,
  CKV_AWS_55,
  CKV_AWS_56,
  CKV_AWS_63,
  CKV_AWS_66,
  CKV_AWS_82,
  CKV_AWS_115,
  CKV_AWS_116,
  CKV_AWS_145,
  CKV_AWS_149,
  CKV_AWS_158,
  CKV_AWS_300,
  CKV_AWS_338,
  CKV_AWS_355,
  CKV2_AWS_6,
  CKV2_AWS_65,
  PRS_S3_TLS_ONLY,
];
