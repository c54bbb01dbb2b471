import { fieldsUsed } from '../../audience-rules/fields';
import { parseRule } from '../../audience-rules/parser';

const table: [string, string[]][] = [
  ['age = 1', ['age']],
  ['homeAddress.state in ["CA"] and age between 30 and 55 and (interests contains "golf" or not incomeBand = "A") and hashedEmail exists', ['age', 'hashedEmail', 'homeAddress.state', 'incomeBand', 'interests']],
  ['b = 1 or a = 2 or b exists or not (a = 3)', ['a', 'b']],
  ['z.y = 1 and Z = 2 and a_b = 3', ['Z', 'a_b', 'z.y']],
];

describe('fieldsUsed', () => {
  test.each(table)('%j -> %j', (text, expected) => {
    const r = parseRule(text);
    if (!r.ok) throw new Error(r.error.message);
    expect(fieldsUsed(r.rule)).toEqual(expected);
  });
});
