/*
 * words.c - the query vocabulary: the rows of data/words.def, the IANA
 * service names of data/ports.def, the providers' words, aliases and
 * domains of data/providers.def, and "did you mean" for the rest.
 */
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "len.h"
#include "mailports.h"
#include "providers.h"

const struct mp_word mp_words[] = {
#define WORD(text, kind, value) { text, MP_WORD_##kind, value },
#include "words.def"
};

const size_t mp_nwords = LEN(mp_words);

static bool
equal_folded(const char *known, const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (known[i] == '\0' || known[i] != mp_ascii_lower(text[i]))
			return false;
	return known[len] == '\0';
}

static int
by_name(const void *key, const void *row)
{
	return strcmp(key, ((const struct mp_domain *)row)->name);
}

static int
find_exact(const char *name)
{
	const struct mp_domain *row = bsearch(name, mp_domains, mp_ndomains,
	    sizeof mp_domains[0], by_name);

	return row != NULL ? row->provider : -1;
}

/*
 * The domains are sorted (tools/mkproviders), so a name is found by
 * binary search however many there are; a row with a leading dot stands
 * for the names under it, so each dot of the name is tried in turn.
 */
int
mp_domain_find(const char *domain, size_t len)
{
	/* A name under a suffix row may be longer than any row. */
	char name[256];
	int provider;
	size_t i;

	if (len > 0 && domain[len - 1] == '.')
		len--;
	if (len == 0 || len >= sizeof name || domain[0] == '.')
		return -1;
	for (i = 0; i < len; i++)
		name[i] = mp_ascii_lower(domain[i]);
	name[len] = '\0';
	if ((provider = find_exact(name)) >= 0)
		return provider;
	for (i = 1; i < len; i++)
		if (name[i] == '.' && (provider = find_exact(name + i)) >= 0)
			return provider;
	return -1;
}

/*
 * No host name holds a '%' but where the placeholder is; a name matches
 * such a host when what stands in its place is the provider's domain.
 */
unsigned
mp_server_find_host(const char *name, size_t len, size_t *domain,
    size_t *domain_len)
{
	const size_t mark_len = strlen(MP_DOMAIN_PLACEHOLDER);
	size_t i;

	size_t first = 0;
	int owner = -1;

	*domain = *domain_len = 0;
	/* A host some providers share (outlook.office365.com) is the one's
	   whose domain it is under, before the first that lists it. */
	for (i = 0; i < len && owner < 0; i++)
		if (name[i] == '.')
			owner = mp_domain_find(name + i + 1, len - i - 1);
	for (i = 0; i < mp_nservers; i++) {
		const char *host = mp_servers[i].host;
		const char *mark = strchr(host, '%');
		size_t before, after;

		if (mark == NULL) {
			if (strncmp(host, name, len) != 0 || host[len] != '\0')
				continue;
			if (owner < 0 || mp_servers[i].provider == owner)
				return (unsigned)i + 1;
			if (first == 0)
				first = i + 1;
			continue;
		}
		before = (size_t)(mark - host);
		after = strlen(mark + mark_len);
		if (len <= before + after || strncmp(host, name, before) != 0 ||
		    strcmp(mark + mark_len, name + len - after) != 0 ||
		    mp_domain_find(name + before, len - before - after) !=
		    mp_servers[i].provider)
			continue;
		*domain = before;
		*domain_len = len - before - after;
		return (unsigned)i + 1;
	}
	return (unsigned)first;
}

static bool
provider_meaning(unsigned provider, struct mp_word *meaning)
{
	meaning->text = mp_providers[provider].word;
	meaning->kind = MP_WORD_PROVIDER;
	meaning->value = provider;
	return true;
}

bool
mp_word_find(const char *text, size_t len, struct mp_word *meaning)
{
	int provider;
	size_t i;

	for (i = 0; i < mp_nwords; i++) {
		if (equal_folded(mp_words[i].text, text, len)) {
			*meaning = mp_words[i];
			return true;
		}
	}
	for (i = 0; i < mp_nports; i++) {
		if (mp_ports[i].iana != NULL &&
		    equal_folded(mp_ports[i].iana, text, len)) {
			meaning->text = mp_ports[i].iana;
			meaning->kind = MP_WORD_PORT;
			meaning->value = mp_ports[i].number;
			return true;
		}
	}
	for (i = 0; i < mp_nproviders; i++)
		if (equal_folded(mp_providers[i].word, text, len))
			return provider_meaning((unsigned)i, meaning);
	for (i = 0; i < mp_naliases; i++)
		if (equal_folded(mp_aliases[i].word, text, len))
			return provider_meaning(mp_aliases[i].provider, meaning);
	if (memchr(text, '.', len) != NULL &&
	    (provider = mp_domain_find(text, len)) >= 0)
		return provider_meaning((unsigned)provider, meaning);
	return false;
}

bool
mp_word_is(const char *text, size_t len, enum mp_word_kind kind)
{
	size_t i;

	for (i = 0; i < mp_nwords; i++)
		if (mp_words[i].kind == kind &&
		    equal_folded(mp_words[i].text, text, len))
			return true;
	return false;
}

int
mp_provider_word_find(const char *text, size_t len)
{
	size_t i;

	char first;

	if (len == 0)
		return -1;
	/* Most names differ at the first letter: no call for them. */
	first = mp_ascii_lower(text[0]);
	for (i = 0; i < mp_nproviders; i++)
		if (mp_providers[i].word[0] == first &&
		    equal_folded(mp_providers[i].word, text, len))
			return (int)i;
	for (i = 0; i < mp_naliases; i++)
		if (mp_aliases[i].word[0] == first &&
		    equal_folded(mp_aliases[i].word, text, len))
			return mp_aliases[i].provider;
	return -1;
}

static size_t
min2(size_t a, size_t b)
{
	return a < b ? a : b;
}

/*
 * Optimal string alignment distance: insertions, deletions, substitutions
 * and transpositions of neighbours ("smpt" is one edit from "smtp").
 * Only a distance up to limit matters, so a pair whose lengths differ by
 * more is not compared, only the cells within limit of the diagonal are
 * (the others cannot come back under it), and two rows past limit end
 * the work: then limit + 1 is returned.  Both strings are at most
 * MP_WORD_MAX bytes, so three rows on the stack do.
 */
static size_t
edit_distance(const char *a, size_t alen, const char *b, size_t blen,
    size_t limit)
{
	size_t rows[3][MP_WORD_MAX + 2];
	size_t *before = rows[0], *previous = rows[1], *current = rows[2];
	const size_t far = limit + 1;
	size_t i, j, previous_best = 0;

	if ((alen > blen ? alen - blen : blen - alen) > limit)
		return far;
	for (j = 0; j <= blen + 1; j++) {
		previous[j] = min2(j, far);
		before[j] = current[j] = far;
	}
	for (i = 1; i <= alen; i++) {
		size_t lo = i > limit ? i - limit : 1;
		size_t hi = min2(blen, i + limit), row_best;

		current[lo - 1] = lo == 1 ? min2(i, far) : far;
		row_best = current[lo - 1];
		for (j = lo; j <= hi; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = min2(previous[j] + 1, current[j - 1] + 1);

			best = min2(best, previous[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1])
				best = min2(best, before[j - 2] + 1);
			current[j] = min2(best, far);
			row_best = min2(row_best, current[j]);
		}
		if (hi < blen)
			current[hi + 1] = far;
		/* A transposition reaches back two rows, so both must be past. */
		if (row_best > limit && previous_best > limit)
			return far;
		previous_best = row_best;
		size_t *oldest = before;
		before = previous;
		previous = current;
		current = oldest;
	}
	return previous[blen];
}

/* No suggestion is made more than this many edits away. */
#define SUGGEST_MAX 2

/* Whether set has at most most bits. */
static bool
bits_within(unsigned set, unsigned most)
{
	unsigned n;

	for (n = 0; set != 0; n++) {
		if (n == most)
			return false;
		set &= set - 1;
	}
	return true;
}

/* Whether lengths a and b differ by at most most. */
static bool
lengths_within(size_t a, size_t b, size_t most)
{
	return (a > b ? a - b : b - a) <= most;
}

struct candidate {
	const char *text;
	size_t distance;
};

static void
consider(struct candidate *best, const char *known, size_t known_len,
    const char *text, size_t len)
{
	/* On a tie the earlier word wins: words.def lists the usual first. */
	size_t limit = min2(SUGGEST_MAX, best->distance - 1);
	size_t distance = edit_distance(text, len, known, known_len, limit);

	if (distance <= limit) {
		best->text = known;
		best->distance = distance;
	}
}

const char *
mp_word_suggest(const char *text, size_t len)
{
	char lower[MP_WORD_MAX];
	struct candidate best = { NULL, SUGGEST_MAX + 1 };
	size_t i;

	if (len == 0 || len > MP_WORD_MAX)
		return NULL;
	for (i = 0; i < len; i++)
		lower[i] = mp_ascii_lower(text[i]);
	if (memchr(lower, '.', len) != NULL) {
		unsigned letters = mp_letter_set(lower, len);

		for (i = 0; i < mp_ndomains; i++)
			if (mp_domains[i].name[0] != '.' &&
			    lengths_within(mp_domains[i].len, len,
			    SUGGEST_MAX) &&
			    bits_within(letters ^ mp_domains[i].letters,
			    2 * SUGGEST_MAX))
				consider(&best, mp_domains[i].name,
				    mp_domains[i].len, lower, len);
	} else {
		/* A filler word changes no answer: it is no word to suggest. */
		for (i = 0; i < mp_nwords; i++)
			if (mp_words[i].kind != MP_WORD_FILLER)
				consider(&best, mp_words[i].text,
			    strlen(mp_words[i].text), lower, len);
		for (i = 0; i < mp_nports; i++)
			if (mp_ports[i].iana != NULL)
				consider(&best, mp_ports[i].iana,
			    strlen(mp_ports[i].iana), lower, len);
		for (i = 0; i < mp_nproviders; i++)
			consider(&best, mp_providers[i].word,
			    strlen(mp_providers[i].word), lower, len);
		for (i = 0; i < mp_naliases; i++)
			consider(&best, mp_aliases[i].word,
			    strlen(mp_aliases[i].word), lower, len);
	}
	/* One edit in a one- or two-letter word makes another word, not a typo. */
	if (best.text == NULL || best.distance == 0 || best.distance * 3 > len)
		return NULL;
	return best.text;
}

const char *
mp_suggest(const char *text, size_t len, const char *const *names, size_t n)
{
	struct candidate best = { NULL, SUGGEST_MAX + 1 };
	size_t i;

	if (len == 0 || len > MP_WORD_MAX)
		return NULL;
	for (i = 0; i < n; i++)
		consider(&best, names[i], strlen(names[i]), text, len);
	/* As for words: near enough for its length, and not the same. */
	if (best.text == NULL || best.distance == 0 || best.distance * 3 > len)
		return NULL;
	return best.text;
}

size_t
mp_query_words(struct mp_word *words, size_t max)
{
	size_t n = 0, i;

	for (i = 0; i < mp_nwords && n < max; i++)
		if (mp_words[i].kind != MP_WORD_FILLER)
			words[n++] = mp_words[i];
	for (i = 0; i < mp_nports && n < max; i++) {
		struct mp_word found;

		/* A service name shadowed by a word of words.def is not one. */
		if (mp_ports[i].iana == NULL ||
		    !mp_word_find(mp_ports[i].iana, strlen(mp_ports[i].iana),
		    &found) || found.kind != MP_WORD_PORT)
			continue;
		words[n++] = found;
	}
	for (i = 0; i < mp_nwords && n < max; i++)
		if (mp_words[i].kind == MP_WORD_FILLER)
			words[n++] = mp_words[i];
	return n;
}
