import { edit } from '../fixtures';
import { ruleTable } from '../rule-table';

ruleTable('unknown-marketing-action', {
  valid: [
    {
      name: 'every core marketing action',
      patches: [
        edit(
          'governance.yaml',
          'marketingActions: [segmentMatch]',
          'marketingActions: [analytics, combineWithPii, crossSiteTargeting, dataScience, emailTargeting, exportToThirdParty, onsiteAdvertising, onsitePersonalization, segmentMatch, singleIdentityPersonalization]',
        ),
      ],
    },
  ],
  invalid: [
    {
      name: 'a policy with a misspelt action (with a suggestion)',
      patches: [edit('governance.yaml', 'marketingActions: [segmentMatch]', 'marketingActions: [segmentMatch, emailTargetting]')],
      diagnostics: [
        {
          code: 'unknown-marketing-action',
          message: 'marketing action "emailTargetting" is unknown: did you mean "emailTargeting"? use one of analytics, combineWithPii,',
          at: ['governance.yaml', 'emailTargetting'],
          path: '$.spec.marketingActions[1]',
        },
      ],
    },
    {
      name: 'a destination with an unknown action (nothing close)',
      patches: [edit('destinations.yaml', 'marketingActions: [crossSiteTargeting]', 'marketingActions: [crossSiteTargeting, retargeting]')],
      diagnostics: [{ code: 'unknown-marketing-action', message: 'marketing action "retargeting" is unknown: use one of analytics,', at: ['destinations.yaml', 'retargeting'], path: '$.spec.marketingActions[1]' }],
    },
  ],
});
