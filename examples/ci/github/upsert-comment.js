// Creates or updates ONE pull-request comment per `marker`, so each push edits the same comment
// instead of adding another. For actions/github-script:
//   const upsert = require('./examples/ci/github/upsert-comment.js');
//   await upsert({ github, context, marker: 'prospect-diff', title: 'prospect diff', file: 'diff.md' });
// Plain Node (no dependencies): `github` is the Octokit client github-script provides.
'use strict';
const fs = require('node:fs');

/** GitHub's limit for a comment body. */
const LIMIT = 65536;

/** The comment body: a hidden marker, a title line, then the report cut to fit if need be. */
function commentBody(marker, title, text) {
  const head = `<!-- ${marker} -->\n${title ? `#### ${title}\n\n` : ''}`;
  const note = '\n\n**Cut:** the report did not fit in a GitHub comment; see the job summary for all of it.\n';
  if (head.length + text.length <= LIMIT) return head + text;
  return head + text.slice(0, LIMIT - head.length - note.length) + note;
}

async function upsertComment({ github, context, marker, title, file, body }) {
  const text = body !== undefined ? body : fs.readFileSync(file, 'utf8');
  const full = commentBody(marker, title, text);
  const { owner, repo } = context.repo;
  const issue_number = context.issue.number;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const mine = comments.find((c) => c.user && c.user.type === 'Bot' && typeof c.body === 'string' && c.body.startsWith(`<!-- ${marker} -->`));
  if (mine) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body: full });
    return { action: 'updated', id: mine.id };
  }
  const created = await github.rest.issues.createComment({ owner, repo, issue_number, body: full });
  return { action: 'created', id: created.data.id };
}

module.exports = upsertComment;
module.exports.commentBody = commentBody;
module.exports.LIMIT = LIMIT;
