import { describe, expect, it } from 'vitest';
import { slugOf } from '../../src/circleci/api-paths.js';
import { projectOfRemote } from '../../src/doctor/remote-project.js';

describe('projectOfRemote: the project of `git remote get-url origin`', () => {
  it.each([
    ['git@github.com:acme/app.git', 'gh/acme/app'],
    ['git@github.com:acme/app', 'gh/acme/app'],
    ['git@github.com:acme/app.js.git', 'gh/acme/app.js'],
    ['https://github.com/acme/app.git', 'gh/acme/app'],
    ['https://github.com/acme/app', 'gh/acme/app'],
    ['https://github.com/acme/app/', 'gh/acme/app'],
    ['https://x-access-token:ghs_secret@github.com/acme/app.git', 'gh/acme/app'],
    ['ssh://git@github.com/acme/app.git', 'gh/acme/app'],
    ['ssh://git@github.com:22/acme/app.git', 'gh/acme/app'],
    ['git://github.com/acme/app.git', 'gh/acme/app'],
    ['https://GitHub.com/Acme/App.git', 'gh/Acme/App'],
    ['git@bitbucket.org:acme/app.git', 'bb/acme/app'],
    ['https://someone@bitbucket.org/acme/app.git', 'bb/acme/app'],
    ['ssh://git@bitbucket.org/acme/app.git', 'bb/acme/app'],
    ['  git@github.com:acme/app.git\n', 'gh/acme/app'],
  ])('reads %j as %s', (url, slug) => {
    const project = projectOfRemote(url);
    expect(project && slugOf(project)).toBe(slug);
  });

  it.each([
    ['https://gitlab.com/acme/app.git'],
    ['git@github.example.com:acme/app.git'],
    ['https://github.com.evil.example/acme/app.git'],
    ['https://github.com/acme/app/tree/main'],
    ['https://github.com/acme'],
    ['git@github.com:../app.git'],
    ['git@github.com:acme/..'],
    ['/srv/git/app.git'],
    ['file:///srv/git/app.git'],
    ['github.com/acme/app'],
    [''],
  ])('finds no project in %j', (url) => {
    expect(projectOfRemote(url)).toBeUndefined();
  });
});
