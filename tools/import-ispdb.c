/*
 * import-ispdb.c - writes data/ispdb.def from a folder of Mozilla's ISP
 * database (the ispdb/ folder of https://github.com/thunderbird/autoconfig),
 * a maintainer's tool that the build never runs: `make import-ispdb
 * ISPDB=DIR`.
 *
 * Usage: import-ispdb [-c commit] [-d date] [-o file] dir
 *
 * The .xml files of dir are read in the order of their names (strcmp),
 * each converted on its own (ispdb.c); then a domain given by an earlier
 * file is left out of a later one, and the rows are written (ispdb_def.c)
 * to standard output or, through a temporary file renamed at the end, to
 * file, so that a failure leaves the file as it was.  Other files of dir
 * (LICENSE) are not read.  Every decision is a line on standard error,
 * and a summary ends them.  Nothing of this machine (a path, the time)
 * reaches the output: the same folder makes the same bytes.
 *
 * Exit status: 0 written, 1 an error of the folder as a whole (one that
 * cannot be read, no .xml file, two files with one id, a write error),
 * 2 a usage error.
 */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ispdb.h"
#include "ispdb_def.h"

#define FILES_MAX 100000

/* A set of strings, each with the file that first gave it. */
struct set {
	const char	**keys;
	const char	**files;
	size_t		 size, count;
};

struct totals {
	struct mp_ispdb_counts counts;
	size_t		 imported, skipped, domains, mx, servers, enables;
	size_t		 duplicates, plain, plain_only, oauth2;
};

static void
usage(void)
{
	fputs("usage: import-ispdb [-c commit] [-d date] [-o file] dir\n",
	    stderr);
	exit(2);
}

/* A failed allocation ends the program: a tool has nothing to fall back on. */
static void *
zalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (p == NULL)
		err(1, "out of memory");
	return p;
}

/* Writes text to stderr with every byte but printable ASCII as \xNN. */
static void
put_shown(const char *text)
{
	for (; *text != '\0'; text++)
		if (*text >= 0x20 && *text < 0x7f && *text != '\\')
			putc(*text, stderr);
		else
			fprintf(stderr, "\\x%02x", (unsigned char)*text);
}

static void
report(void *arg, const char *file, unsigned line, const char *message)
{
	(void)arg;
	fputs("import-ispdb: ", stderr);
	put_shown(file);
	if (line > 0)
		fprintf(stderr, ":%u", line);
	fprintf(stderr, ": %s\n", message);
}

static size_t
hash(const char *key)
{
	size_t h = 2166136261u;

	for (; *key != '\0'; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return h;
}

/* Puts key in the first free slot from its hash, or finds it there. */
static const char *
set_put(struct set *set, const char *key, const char *file)
{
	size_t i;

	for (i = hash(key) % set->size; set->keys[i] != NULL;
	    i = (i + 1) % set->size)
		if (strcmp(set->keys[i], key) == 0)
			return set->files[i];
	set->keys[i] = key;
	set->files[i] = file;
	set->count++;
	return NULL;
}

/* Adds key; returns NULL, or the file that gave it before. */
static const char *
set_add(struct set *set, const char *key, const char *file)
{
	/* Half full at most, so that a probe soon meets a free slot. */
	if (set->count * 2 >= set->size) {
		struct set bigger = { NULL, NULL, set->size * 2 + 64, 0 };
		size_t i;

		bigger.keys = zalloc(bigger.size, sizeof *bigger.keys);
		bigger.files = zalloc(bigger.size, sizeof *bigger.files);
		for (i = 0; i < set->size; i++)
			if (set->keys[i] != NULL)
				(void)set_put(&bigger, set->keys[i],
				    set->files[i]);
		free(set->keys);
		free(set->files);
		*set = bigger;
	}
	return set_put(set, key, file);
}

static void
set_free(struct set *set)
{
	free(set->keys);
	free(set->files);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of the .xml files of d, named dir, in strcmp order. */
static char **
list_files(DIR *d, const char *dir, size_t *count)
{
	struct dirent *entry;
	char **names = NULL, **more;
	size_t n = 0, size = 0;

	errno = 0;
	while ((entry = readdir(d)) != NULL) {
		size_t len = strlen(entry->d_name);

		if (len <= 4 || strcmp(entry->d_name + len - 4, ".xml") != 0)
			continue;
		if (n == FILES_MAX)
			errx(1, "%s: more than %d .xml files", dir, FILES_MAX);
		if (n == size) {
			size = size * 2 + 256;
			more = zalloc(size, sizeof *names);
			if (n > 0)
				memcpy(more, names, n * sizeof *names);
			free(names);
			names = more;
		}
		names[n] = zalloc(len + 1, 1);
		memcpy(names[n++], entry->d_name, len);
	}
	if (errno != 0)
		err(1, "%s", dir);
	if (n == 0)
		errx(1, "%s: no .xml file", dir);
	qsort(names, n, sizeof *names, compare_names);
	*count = n;
	return names;
}

/* Reads and converts one file; what cannot be read ends the program. */
static void
convert_file(struct mp_ispdb_provider *p, DIR *d, const char *dir,
    const char *file)
{
	struct stat st;
	size_t len = 0, size;
	ssize_t got = 0;
	char *buf;
	int fd;

	/* Not to hang on a FIFO, which is no file to read anyway. */
	if ((fd = openat(dirfd(d), file, O_RDONLY | O_NONBLOCK)) == -1 ||
	    fstat(fd, &st) == -1)
		err(1, "%s/%s", dir, file);
	memset(p, 0, sizeof *p);
	p->file = file;
	if (!S_ISREG(st.st_mode) || st.st_size > MP_XML_SIZE_MAX) {
		p->skipped = S_ISREG(st.st_mode) ? "larger than 1 MiB" :
		    "not a regular file";
		close(fd);
		return;
	}
	size = (size_t)st.st_size;
	buf = zalloc(size + 1, 1);
	while (len < size && (got = read(fd, buf + len, size - len)) > 0)
		len += (size_t)got;
	if (got == -1)
		err(1, "%s/%s", dir, file);
	close(fd);
	if (!mp_ispdb_convert(p, file, buf, len, report, NULL))
		errx(1, "%s/%s: out of memory", dir, file);
	free(buf);
}

/* Leaves out the domains earlier files gave, and refuses ids given twice. */
static void
check_unique(struct mp_ispdb_provider *providers, size_t n)
{
	struct set ids = { 0 }, names = { 0 };
	char (*id)[MP_ISPDB_ID_SIZE], message[512];
	const char *before;
	size_t i, j, kept;

	id = zalloc(n, sizeof *id);
	for (i = 0; i < n; i++) {
		struct mp_ispdb_provider *p = &providers[i];

		if (p->stem[0] == '\0')
			continue;
		mp_ispdb_id(p->stem, id[i]);
		if ((before = set_add(&ids, id[i], p->file)) != NULL)
			errx(1, "%s and %s give one id, %s", before, p->file,
			    id[i]);
		if (p->skipped != NULL)
			continue;
		for (j = kept = 0; j < p->ndomains; j++) {
			struct mp_ispdb_domain *d = &p->domains[j];

			if ((before = set_add(&names, d->name, p->file)) == NULL) {
				kept++;
				continue;
			}
			d->dropped = true;
			(void)snprintf(message, sizeof message, "%s '%s' given "
			    "before, by %s: left out", d->mx ? "MX name" :
			    "domain", d->name, before);
			report(NULL, p->file, d->line, message);
		}
		if (kept == 0)
			p->skipped = "every domain given by an earlier file";
	}
	set_free(&ids);
	set_free(&names);
	free(id);
}

static void
add_counts(struct totals *t, const struct mp_ispdb_provider *p)
{
	size_t i, plain = 0;
	bool oauth2 = false;

	t->counts.servers_skipped += p->counts.servers_skipped;
	t->counts.servers_duplicate += p->counts.servers_duplicate;
	t->counts.domains_invalid += p->counts.domains_invalid;
	t->counts.repairs += p->counts.repairs;
	t->counts.methods_dropped += p->counts.methods_dropped;
	t->counts.names_fallback += p->counts.names_fallback;
	for (i = 0; i < p->ndomains; i++)
		t->duplicates += p->domains[i].dropped;
	if (p->skipped != NULL) {
		t->skipped++;
		return;
	}
	t->imported++;
	for (i = 0; i < p->ndomains; i++) {
		if (p->domains[i].dropped)
			continue;
		if (p->domains[i].mx)
			t->mx++;
		else
			t->domains++;
	}
	for (i = 0; i < p->nservers; i++) {
		size_t k;

		plain += p->servers[i].tls == MP_TLS_NONE;
		for (k = 0; k < p->servers[i].nsignin; k++)
			oauth2 |= p->servers[i].signin[k] == MP_SIGNIN_BIT_OAUTH2;
	}
	t->servers += p->nservers;
	t->plain += plain;
	t->plain_only += plain == p->nservers;
	t->oauth2 += oauth2;
	t->enables += p->nenables;
}

static void
skipped(const struct mp_ispdb_provider *p)
{
	char message[256];

	(void)snprintf(message, sizeof message, "skipped: %s", p->skipped);
	report(NULL, p->file, 0, message);
}

static void
summary(const struct mp_ispdb_provider *providers, size_t n)
{
	struct totals t = { 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		if (providers[i].skipped != NULL)
			skipped(&providers[i]);
		add_counts(&t, &providers[i]);
	}
	fprintf(stderr, "import-ispdb: %zu files: %zu imported, %zu skipped; "
	    "%zu domains, %zu MX, %zu servers (%zu without TLS; %zu providers "
	    "with no other, %zu with OAuth2), %zu enable pages; left out: "
	    "%zu duplicate domains, %zu invalid domains, %zu servers, "
	    "%zu duplicate servers, %zu sign-in methods; %zu repaired, "
	    "%zu names from a fallback\n", n, t.imported, t.skipped, t.domains,
	    t.mx, t.servers, t.plain, t.plain_only, t.oauth2, t.enables,
	    t.duplicates, t.counts.domains_invalid, t.counts.servers_skipped,
	    t.counts.servers_duplicate, t.counts.methods_dropped,
	    t.counts.repairs, t.counts.names_fallback);
}

/* Writes the .def to a temporary file beside file, renamed over it at the end. */
static void
write_file(const char *file, const struct mp_ispdb_provider *providers,
    size_t n, const char *commit, const char *date)
{
	char temp[4096];
	FILE *out;
	int fd;

	if ((size_t)snprintf(temp, sizeof temp, "%s.XXXXXX", file) >=
	    sizeof temp)
		errx(1, "%s: name too long", file);
	if ((fd = mkstemp(temp)) == -1)
		err(1, "%s", file);
	if (fchmod(fd, 0644) == -1 || (out = fdopen(fd, "w")) == NULL) {
		warn("%s", temp);
		(void)unlink(temp);
		exit(1);
	}
	mp_ispdb_write(out, providers, n, commit, date);
	if (fflush(out) == EOF || ferror(out) || fsync(fd) == -1) {
		warn("%s", temp);
		(void)fclose(out);
		(void)unlink(temp);
		exit(1);
	}
	if (fclose(out) == EOF || rename(temp, file) == -1) {
		warn("%s", file);
		(void)unlink(temp);
		exit(1);
	}
}

/* A commit is 7 to 40 hex digits, a date YYYY-MM-DD: both go into a comment. */
static const char *
checked(const char *value, bool date)
{
	size_t i, len = strlen(value);

	for (i = 0; i < len; i++)
		if (date ? (i == 4 || i == 7 ? value[i] != '-' :
		    value[i] < '0' || value[i] > '9') :
		    strchr("0123456789abcdef", value[i]) == NULL)
			break;
	if (i < len || (date ? len != 10 : len < 7 || len > 40)) {
		warnx("%s '%s' is not %s", date ? "date" : "commit", value,
		    date ? "YYYY-MM-DD" : "7 to 40 hex digits");
		usage();
	}
	return value;
}

int
main(int argc, char *argv[])
{
	const char *commit = "(unknown)", *date = "(unknown)", *output = NULL;
	struct mp_ispdb_provider *providers;
	char **files;
	size_t n, i;
	DIR *d;
	int c;

	while ((c = getopt(argc, argv, "c:d:o:")) != -1)
		switch (c) {
		case 'c':
			commit = checked(optarg, false);
			break;
		case 'd':
			date = checked(optarg, true);
			break;
		case 'o':
			output = optarg;
			break;
		default:
			usage();
		}
	if (argc - optind != 1)
		usage();
	if ((d = opendir(argv[optind])) == NULL)
		err(1, "%s", argv[optind]);
	files = list_files(d, argv[optind], &n);
	providers = zalloc(n, sizeof *providers);
	for (i = 0; i < n; i++)
		convert_file(&providers[i], d, argv[optind], files[i]);
	closedir(d);
	check_unique(providers, n);
	summary(providers, n);
	if (output != NULL)
		write_file(output, providers, n, commit, date);
	else {
		mp_ispdb_write(stdout, providers, n, commit, date);
		if (fflush(stdout) == EOF || ferror(stdout))
			err(1, "write error");
	}
	for (i = 0; i < n; i++) {
		mp_ispdb_free(&providers[i]);
		free(files[i]);
	}
	free(providers);
	free(files);
	return 0;
}
