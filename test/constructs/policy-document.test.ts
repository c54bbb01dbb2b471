import { PolicyDocument } from '../../constructs/private/policy-document';

const identity = (x: unknown) => x;

describe('PolicyDocument', () => {
  test('renders statements sorted by sid with sorted, de-duplicated lists, whatever the order of grants', () => {
    const a = new PolicyDocument();
    a.add({ sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:b', 'arn:a'] });
    a.add({ sid: 'Logs', actions: ['logs:PutLogEvents', 'logs:CreateLogStream'], resources: ['arn:log'] });
    const b = new PolicyDocument();
    b.add({ sid: 'Logs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: ['arn:log'] });
    b.add({ sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:a'] });
    b.add({ sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:b', 'arn:a'] });
    expect(a.toJson(identity)).toBe(b.toJson(identity));
    expect(JSON.parse(a.toJson(identity))).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: ['arn:log'] },
        { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:a', 'arn:b'] },
      ],
    });
  });

  test('merges principals and condition values of statements under one sid', () => {
    const d = new PolicyDocument();
    d.add({ sid: 'List', principal: { AWS: ['r1'] }, actions: ['s3:ListBucket'], resources: ['b'], conditions: { StringLike: { 's3:prefix': ['x/*'] } } });
    d.add({ sid: 'List', principal: { AWS: ['r2'] }, actions: ['s3:ListBucket'], resources: ['b'], conditions: { StringLike: { 's3:prefix': ['a/*'] } } });
    expect(JSON.parse(d.toJson(identity)).Statement[0]).toEqual({
      Sid: 'List',
      Effect: 'Allow',
      Principal: { AWS: ['r1', 'r2'] },
      Action: ['s3:ListBucket'],
      Resource: ['b'],
      Condition: { StringLike: { 's3:prefix': ['a/*', 'x/*'] } },
    });
  });

  test('rejects a second statement under a sid with other actions', () => {
    const d = new PolicyDocument();
    d.add({ sid: 'S', actions: ['s3:GetObject'], resources: ['a'] });
    expect(() => d.add({ sid: 'S', actions: ['s3:PutObject'], resources: ['a'] })).toThrow('policy statement S was added twice with different effect, actions or condition keys');
  });

  test('rejects the action "*" and non-alphanumeric sids', () => {
    const d = new PolicyDocument();
    expect(() => d.add({ sid: 'All', actions: ['*'], resources: ['*'] })).toThrow('grants action "*"');
    expect(() => d.add({ sid: 'bad-sid', actions: ['s3:GetObject'], resources: ['a'] })).toThrow('must be alphanumeric');
  });
});
