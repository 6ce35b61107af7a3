/* SPDX-License-Identifier: ISC (see LICENSE) */
/*
 * assets.h: the web book's stylesheet and script, generated into
 * build/assets.c by tools/embed.sh from src/assets/, with the hashes the
 * page's Content-Security-Policy allows.
 */
#ifndef QUEST_ASSETS_H
#define QUEST_ASSETS_H

#include <stddef.h>

extern const char asset_css[], asset_css_hash[];
extern const size_t asset_css_len;
extern const char asset_js[], asset_js_hash[];
extern const size_t asset_js_len;
/* quest serve's script, in its pages only: it follows the server's events. */
extern const char asset_live_js[], asset_live_js_hash[];
extern const size_t asset_live_js_len;
/* The classes of highlighted code that the stylesheet colours ("keyword"). */
extern const char *const asset_css_hl[];

#endif
