import assert from 'node:assert/strict';
import { unifiedDiff } from '../../lib/cli/diff.js';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff('a\n', 'a\n', 'x', 'y'), '');
  });
  it('shows the changed lines with three lines of context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nb\nc\nd\nE\nf\ng\nh\n';
    assert.equal(unifiedDiff(before, after, 'old', 'new'), '--- old\n+++ new\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n');
  });
  it('shows added and removed lines at either end, an empty side and a missing final newline', () => {
    assert.equal(unifiedDiff('a\n', 'a\nb\n', 'old', 'new'), '--- old\n+++ new\n@@ -1 +1,2 @@\n a\n+b\n');
    assert.equal(unifiedDiff('a\nb\n', 'b\n', 'old', 'new'), '--- old\n+++ new\n@@ -1,2 +1 @@\n-a\n b\n');
    assert.equal(unifiedDiff('', 'a\nb\n', 'old', 'new'), '--- old\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n');
    assert.equal(unifiedDiff('a\n', '', 'old', 'new'), '--- old\n+++ new\n@@ -1 +0,0 @@\n-a\n');
    assert.equal(unifiedDiff('a', 'a\n', 'old', 'new'), '--- old\n+++ new\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n');
  });
  it('keeps a moved block\'s neighbours as context instead of removing and re-adding them', () => {
    const before = 'x\n1\n2\n3\n4\n5\n6\n7\n8\n';
    const after = '1\n2\n3\n4\n5\n6\n7\n8\nx\n';
    assert.equal(unifiedDiff(before, after, 'old', 'new'), '--- old\n+++ new\n@@ -1,4 +1,3 @@\n-x\n 1\n 2\n 3\n@@ -7,3 +6,4 @@\n 6\n 7\n 8\n+x\n');
  });

  // An OpenAPI document of 42 lines in which two lines, 27 lines apart, changed.
  const document = (title: string, description: string): string => `{
  "openapi": "3.1.0",
  "info": {
    "title": "${title}",
    "version": "1.0.0"
  },
  "components": {
    "schemas": {
      "Error": {
        "type": "object",
        "required": [
          "code",
          "message"
        ],
        "properties": {
          "code": {
            "type": "string",
            "enum": [
              "INVALID_AUTH_TOKEN",
              "ILLEGAL_STATE"
            ]
          },
          "message": {
            "type": "string"
          }
        }
      }
    },
    "responses": {
      "INVALID_AUTH_TOKEN": {
        "description": "${description}",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    }
  }
}
`;
  it('shows a two-line change in a 42-line document as two small hunks', () => {
    const before = document('Orders API errors', 'Invalid auth token.');
    const after = document('Orders API error codes', 'The auth token is invalid.');
    assert.equal(before.split('\n').length - 1, 42);
    assert.equal(unifiedDiff(before, after, 'openapi.json', 'generated'), `--- openapi.json
+++ generated
@@ -1,7 +1,7 @@
 {
   "openapi": "3.1.0",
   "info": {
-    "title": "Orders API errors",
+    "title": "Orders API error codes",
     "version": "1.0.0"
   },
   "components": {
@@ -28,7 +28,7 @@
     },
     "responses": {
       "INVALID_AUTH_TOKEN": {
-        "description": "Invalid auth token.",
+        "description": "The auth token is invalid.",
         "content": {
           "application/json": {
             "schema": {
`);
  });
  it('merges changes closer than twice the context into one hunk', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n';
    const after = 'a\nB\nc\nd\ne\nf\ng\nH\ni\nj\n';
    assert.equal(unifiedDiff(before, after, 'old', 'new'), '--- old\n+++ new\n@@ -1,10 +1,10 @@\n a\n-b\n+B\n c\n d\n e\n f\n g\n-h\n+H\n i\n j\n');
  });
  it('caps a long diff at 100 lines and counts the rest', () => {
    const lines = Array.from({ length: 150 }, (_, i) => `line ${i}`);
    const shown = lines.slice(0, 99).map((line) => `+${line}\n`).join('');
    assert.equal(unifiedDiff('', `${lines.join('\n')}\n`, 'old', 'new'), `--- old\n+++ new\n@@ -0,0 +1,150 @@\n${shown}… 51 more lines\n`);
  });
});
