/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * gitlib.h: libgit2, loaded and set up once a run, and only when there is
 * a git repository to read.  Loading it brings in the seventeen libraries
 * it links (OpenSSL, Kerberos, libssh2, ...), which costs more than quest
 * takes to weave a small tree, and setting it up parses the system's TLS
 * certificates.  So quest does not link libgit2: gitlib_init() opens it
 * with dlopen(3), and every libgit2 function quest calls goes through the
 * table gitlib_fn, under its own name (a file that includes this header
 * calls git_blob_free() as ever).  A libgit2 function not in GITLIB_FUNCS
 * is an undefined symbol when quest links: add it here.
 */
#ifndef QUEST_GITLIB_H
#define QUEST_GITLIB_H

#include <git2.h>

/* The soname of the libgit2 whose headers quest is built with. */
#define GITLIB_SONAME	"libgit2.so." LIBGIT2_SOVERSION

#define GITLIB_FUNCS(X) \
	X(git_blob_free) \
	X(git_blob_lookup) \
	X(git_blob_rawcontent) \
	X(git_blob_rawsize) \
	X(git_buf_dispose) \
	X(git_commit_free) \
	X(git_commit_lookup) \
	X(git_commit_message) \
	X(git_commit_tree) \
	X(git_config_free) \
	X(git_config_get_string) \
	X(git_error_last) \
	X(git_index_entrycount) \
	X(git_index_free) \
	X(git_index_get_byindex) \
	X(git_libgit2_init) \
	X(git_libgit2_opts) \
	X(git_libgit2_shutdown) \
	X(git_merge_base) \
	X(git_message_trailer_array_free) \
	X(git_message_trailers) \
	X(git_odb_free) \
	X(git_odb_read_header) \
	X(git_object_free) \
	X(git_object_id) \
	X(git_object_peel) \
	X(git_oid_cpy) \
	X(git_oid_equal) \
	X(git_oid_tostr) \
	X(git_patch_free) \
	X(git_patch_from_buffers) \
	X(git_patch_get_hunk) \
	X(git_patch_get_line_in_hunk) \
	X(git_patch_line_stats) \
	X(git_patch_num_hunks) \
	X(git_patch_to_buf) \
	X(git_reference_name_to_id) \
	X(git_repository_config_snapshot) \
	X(git_repository_free) \
	X(git_repository_head_unborn) \
	X(git_repository_index) \
	X(git_repository_is_shallow) \
	X(git_repository_odb) \
	X(git_repository_open_ext) \
	X(git_repository_path) \
	X(git_repository_workdir) \
	X(git_revparse_single) \
	X(git_revwalk_free) \
	X(git_revwalk_hide) \
	X(git_revwalk_new) \
	X(git_revwalk_next) \
	X(git_revwalk_push) \
	X(git_revwalk_sorting) \
	X(git_status_byindex) \
	X(git_status_list_entrycount) \
	X(git_status_list_free) \
	X(git_status_list_new) \
	X(git_status_options_init) \
	X(git_tree_entry_bypath) \
	X(git_tree_entry_filemode) \
	X(git_tree_entry_free) \
	X(git_tree_entry_id) \
	X(git_tree_entry_name) \
	X(git_tree_entry_type) \
	X(git_tree_free) \
	X(git_tree_walk)

struct gitlib_fns {
#define GITLIB_PTR(f) __typeof__(f) *f;
	GITLIB_FUNCS(GITLIB_PTR)
#undef GITLIB_PTR
};
extern struct gitlib_fns gitlib_fn;

/*
 * Is there a .git in the current directory or above it?  git's
 * environment (GIT_DIR) is not consulted, as libgit2 does not consult it
 * when quest opens the repository.
 */
int	gitlib_here(void);
/*
 * Load and set libgit2 up, once; safe from any thread.  Returns 0, or -1
 * when libgit2 cannot be loaded: then gitlib_error() says why, and no
 * git_*() function may be called.
 */
int	gitlib_init(void);
const char *gitlib_error(void);
/*
 * At exit, if it was set up: first the function given to
 * gitlib_on_shutdown() (the repository's close, repo.c), then libgit2's.
 */
void	gitlib_on_shutdown(void (*)(void));
void	gitlib_shutdown(void);

#ifndef GITLIB_LOADER
#define git_blob_free                      (*gitlib_fn.git_blob_free)
#define git_blob_lookup                    (*gitlib_fn.git_blob_lookup)
#define git_blob_rawcontent                (*gitlib_fn.git_blob_rawcontent)
#define git_blob_rawsize                   (*gitlib_fn.git_blob_rawsize)
#define git_buf_dispose                    (*gitlib_fn.git_buf_dispose)
#define git_commit_free                    (*gitlib_fn.git_commit_free)
#define git_commit_lookup                  (*gitlib_fn.git_commit_lookup)
#define git_commit_message                 (*gitlib_fn.git_commit_message)
#define git_commit_tree                    (*gitlib_fn.git_commit_tree)
#define git_config_free                    (*gitlib_fn.git_config_free)
#define git_config_get_string              (*gitlib_fn.git_config_get_string)
#define git_error_last                     (*gitlib_fn.git_error_last)
#define git_index_entrycount               (*gitlib_fn.git_index_entrycount)
#define git_index_free                     (*gitlib_fn.git_index_free)
#define git_index_get_byindex              (*gitlib_fn.git_index_get_byindex)
#define git_libgit2_init                   (*gitlib_fn.git_libgit2_init)
#define git_libgit2_opts                   (*gitlib_fn.git_libgit2_opts)
#define git_libgit2_shutdown               (*gitlib_fn.git_libgit2_shutdown)
#define git_merge_base                     (*gitlib_fn.git_merge_base)
#define git_message_trailer_array_free \
    (*gitlib_fn.git_message_trailer_array_free)
#define git_message_trailers               (*gitlib_fn.git_message_trailers)
#define git_odb_free                       (*gitlib_fn.git_odb_free)
#define git_odb_read_header                (*gitlib_fn.git_odb_read_header)
#define git_object_free                    (*gitlib_fn.git_object_free)
#define git_object_id                      (*gitlib_fn.git_object_id)
#define git_object_peel                    (*gitlib_fn.git_object_peel)
#define git_oid_cpy                        (*gitlib_fn.git_oid_cpy)
#define git_oid_equal                      (*gitlib_fn.git_oid_equal)
#define git_oid_tostr                      (*gitlib_fn.git_oid_tostr)
#define git_patch_free                     (*gitlib_fn.git_patch_free)
#define git_patch_from_buffers             (*gitlib_fn.git_patch_from_buffers)
#define git_patch_get_hunk                 (*gitlib_fn.git_patch_get_hunk)
#define git_patch_get_line_in_hunk \
    (*gitlib_fn.git_patch_get_line_in_hunk)
#define git_patch_line_stats               (*gitlib_fn.git_patch_line_stats)
#define git_patch_num_hunks                (*gitlib_fn.git_patch_num_hunks)
#define git_patch_to_buf                   (*gitlib_fn.git_patch_to_buf)
#define git_reference_name_to_id           (*gitlib_fn.git_reference_name_to_id)
#define git_repository_config_snapshot \
    (*gitlib_fn.git_repository_config_snapshot)
#define git_repository_free                (*gitlib_fn.git_repository_free)
#define git_repository_head_unborn \
    (*gitlib_fn.git_repository_head_unborn)
#define git_repository_index               (*gitlib_fn.git_repository_index)
#define git_repository_is_shallow \
    (*gitlib_fn.git_repository_is_shallow)
#define git_repository_odb                 (*gitlib_fn.git_repository_odb)
#define git_repository_open_ext            (*gitlib_fn.git_repository_open_ext)
#define git_repository_path                (*gitlib_fn.git_repository_path)
#define git_repository_workdir             (*gitlib_fn.git_repository_workdir)
#define git_revparse_single                (*gitlib_fn.git_revparse_single)
#define git_revwalk_free                   (*gitlib_fn.git_revwalk_free)
#define git_revwalk_hide                   (*gitlib_fn.git_revwalk_hide)
#define git_revwalk_new                    (*gitlib_fn.git_revwalk_new)
#define git_revwalk_next                   (*gitlib_fn.git_revwalk_next)
#define git_revwalk_push                   (*gitlib_fn.git_revwalk_push)
#define git_revwalk_sorting                (*gitlib_fn.git_revwalk_sorting)
#define git_status_byindex                 (*gitlib_fn.git_status_byindex)
#define git_status_list_entrycount \
    (*gitlib_fn.git_status_list_entrycount)
#define git_status_list_free               (*gitlib_fn.git_status_list_free)
#define git_status_list_new                (*gitlib_fn.git_status_list_new)
#define git_status_options_init            (*gitlib_fn.git_status_options_init)
#define git_tree_entry_bypath              (*gitlib_fn.git_tree_entry_bypath)
#define git_tree_entry_filemode            (*gitlib_fn.git_tree_entry_filemode)
#define git_tree_entry_free                (*gitlib_fn.git_tree_entry_free)
#define git_tree_entry_id                  (*gitlib_fn.git_tree_entry_id)
#define git_tree_entry_name                (*gitlib_fn.git_tree_entry_name)
#define git_tree_entry_type                (*gitlib_fn.git_tree_entry_type)
#define git_tree_free                      (*gitlib_fn.git_tree_free)
#define git_tree_walk                      (*gitlib_fn.git_tree_walk)
#endif

#endif
