/*
 * provider_title.h - how a provider is named for people: its name and
 * the word that asks for it.
 */
#ifndef MAILPORTS_PROVIDER_TITLE_H
#define MAILPORTS_PROVIDER_TITLE_H

#include <stddef.h>

#include "providers.h"

/*
 * Writes "Gmail (gmail)"; a name that ends in its own parenthesis takes
 * the word inside it, "GMX (gmx.net; gmx)", rather than a second one.
 * Returns text.
 */
char *mp_provider_title(char *text, size_t size,
    const struct mp_provider *provider);

#endif
