// Terraform's `action_reason` codes (plan format 1.x) in plain words.

const REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'the resource is tainted',
  replace_because_cannot_update: 'the provider cannot update it in place',
  replace_by_request: 'replacement was requested (terraform plan -replace)',
  replace_by_triggers: 'a reference in its replace_triggered_by changed',
  delete_because_no_resource_config: 'its resource block is no longer in the configuration',
  delete_because_no_module: 'its module is no longer in the configuration',
  delete_because_wrong_repetition: 'it switched between count, for_each and a single instance',
  delete_because_count_index: 'its count index is beyond the new count',
  delete_because_each_key: 'its for_each key is no longer in the map',
  delete_because_no_move_target: 'it was moved to an address that is not in the configuration',
  read_because_config_unknown: 'its configuration depends on values known only after apply',
  read_because_dependency_pending: 'it depends on a resource with pending changes',
  read_because_check_nested: 'it is read inside a check block',
};

/** Plain words for an action_reason code; an unknown code is shown as Terraform wrote it. */
export function describeActionReason(code: string): string {
  return REASONS[code] ?? `Terraform gave the reason "${code}"`;
}
