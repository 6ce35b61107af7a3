/*
 * gitlib.h: libgit2, set up once a run, and only when there is a git
 * repository to read: setting it up parses the system's TLS certificates,
 * which costs more than scanning a small tree.
 */
#ifndef QUEST_GITLIB_H
#define QUEST_GITLIB_H

/* Is the current directory inside a git repository, as git would find it? */
int	gitlib_here(void);
/* Set libgit2 up, once; safe from any thread. */
void	gitlib_init(void);
/* At exit, if it was set up. */
void	gitlib_shutdown(void);

#endif
