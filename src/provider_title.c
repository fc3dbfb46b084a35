/*
 * provider_title.c - a provider's name and word, as titles show them.
 */
#include <stdio.h>
#include <string.h>

#include "provider_title.h"

char *
mp_provider_title(char *text, size_t size, const struct mp_provider *provider)
{
	size_t len = strlen(provider->name);

	if (len > 0 && provider->name[len - 1] == ')')
		snprintf(text, size, "%.*s; %s)", (int)(len - 1),
		    provider->name, provider->word);
	else
		snprintf(text, size, "%s (%s)", provider->name,
		    provider->word);
	return text;
}
