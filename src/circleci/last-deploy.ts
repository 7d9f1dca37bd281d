/** What the search for a rule's last successful deploy found, in either API's list. */
export type Found =
  /** the deploy: its commit as listed, and its name (`pipeline 12`, `build 105`) */
  | { sha: string; name: string }
  /** no such deploy in the whole list */
  | 'none'
  /** none within the bounds (10 pages, 300 builds), and the list goes on */
  | 'beyond'
  /** a listed entry lacks what tells whether it is one */
  | { unsure: string };
