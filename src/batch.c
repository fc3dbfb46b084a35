/*
 * batch.c - a list of targets run many at once: standard input read a
 * line at a time as slots come free, every job's sockets in one poll with
 * the resolver's and the probes', each result written a line as soon as
 * the lines before it are, the progress on a terminal, and a summary.
 *
 * Memory does not grow with the list: a fixed number of slots holds the
 * targets in flight and the results waiting for their turn (the reorder
 * window), and input is read into one buffer of fixed size.
 */
#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "cli_net.h"
#include "escape.h"
#include "idna.h"
#include "len.h"
#include "output.h"
#include "report.h"

/*
 * Slots: the targets in flight, and three times as many for the results
 * held for their turn, the reorder window: a target that takes three
 * round trips (an autoconfig file) while others take one holds back no
 * new line.
 */
#define WINDOW 4
/* The resolver's sockets are read after so many jobs served. */
#define DRAIN_EVERY 8
#define INPUT_SIZE 65536
/* A progress line is drawn this often, at most. */
#define PROGRESS_MS 250
#define KEYS_MAX 32
#define SLOWEST_MAX 5
#define ATTENTION_MAX 10
#define SHOWN_SIZE 64

enum slot_state { FREE, RUNNING, FINISHED };

struct slot {
	unsigned long		 seq;		/* among the targets */
	union mp_batch_job	 job;
	enum slot_state		 state;
	unsigned		 started;	/* ms */
	unsigned		 ms;
	char			 error[MP_BATCH_ERROR_SIZE];
	/* The line as read, to echo; escaped when it was refused. */
	char			 line[MP_BATCH_LINE_MAX + 1];
	/* Its words, split in a copy. */
	char			 words[MP_BATCH_LINE_MAX + 1];
};

struct input {
	char			 buf[INPUT_SIZE];
	size_t			 start, end;
	bool			 eof;		/* read returned 0 */
	bool			 done;		/* and every line taken */
	bool			 skipping;	/* the rest of a long line */
	unsigned long long	 taken;		/* bytes of lines taken, for
						   the time left */
	long long		 size;		/* of a file, or -1 */
};

struct tally {
	unsigned long		 targets, works, errors, attention;
	size_t			 nkeys;
	struct {
		const char	*key;
		unsigned long	 n;
	}			 keys[KEYS_MAX];
	size_t			 nslowest;
	struct {
		char		 input[SHOWN_SIZE];
		unsigned	 ms;
	}			 slowest[SLOWEST_MAX];
	char			 shown[ATTENTION_MAX][SHOWN_SIZE];
};

/*
 * A slot holds everything its target's job needs, some megabytes: they
 * are allocated for the run, as many as --parallel asks, and held until
 * the program ends.
 */
static struct slot *slots;
static size_t nslots;
static volatile sig_atomic_t interrupted;

static void
on_interrupt(int signal_number)
{
	(void)signal_number;
	interrupted = 1;
}

/* Refuses the line of len bytes at text: its start shown, escaped. */
static void
refuse(struct slot *s, const char *text, size_t len, const char *why)
{
	mp_escape_utf8(s->line, SHOWN_SIZE, text, len);
	snprintf(s->error, sizeof s->error, "%s", why);
}

/* Whether a line says nothing: blank, or a comment. */
static bool
blank(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len && (text[i] == ' ' || text[i] == '\t'); i++)
		;
	return i == len || text[i] == '#';
}

/* Whether the len bytes of text are well-formed UTF-8. */
static bool
utf8(const char *text, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	for (; i < len; i += n)
		if ((n = mp_utf8_next(text + i, len - i, &cp)) == 0)
			return false;
	return true;
}

/* Takes the line of len bytes at text into s, or refuses it. */
static void
take_line(struct slot *s, const char *text, size_t len)
{
	s->error[0] = '\0';
	if (len > MP_BATCH_LINE_MAX)
		refuse(s, text, len, "line too long (at most 1024 bytes)");
	else if (memchr(text, '\0', len) != NULL)
		refuse(s, text, len, "NUL byte in the line");
	else if (!utf8(text, len))
		refuse(s, text, len, "not UTF-8 text");
	else {
		memcpy(s->line, text, len);
		s->line[len] = '\0';
	}
}

/*
 * The next line of the input into s: 1 when one is there (taken or
 * refused), 0 when more input is needed, -1 at the end.
 */
static int
next_line(struct input *in, struct slot *s)
{
	for (;;) {
		char *start = in->buf + in->start, *nl;
		size_t len = in->end - in->start;

		nl = memchr(start, '\n', len);
		if (in->skipping) {
			/* The rest of a line refused for its length. */
			in->start = nl != NULL ? (size_t)(nl - in->buf) + 1 :
			    in->end;
			in->skipping = nl == NULL;
			if (nl == NULL)
				return in->eof ? -1 : 0;
			continue;
		}
		if (nl == NULL) {
			if (len > MP_BATCH_LINE_MAX + 1) {
				refuse(s, start, len,
				    "line too long (at most 1024 bytes)");
				in->taken += len;
				in->start = in->end;
				in->skipping = !in->eof;
				return 1;
			}
			if (!in->eof)
				return 0;
			if (len == 0)
				return -1;
			/* The last line, with no newline. */
			nl = start + len;
		}
		in->start = nl < in->buf + in->end ?
		    (size_t)(nl - in->buf) + 1 : in->end;
		in->taken += (size_t)(nl - start) + 1;
		len = (size_t)(nl - start);
		/* A line may end in CR LF, as a file from Windows does. */
		if (len > 0 && start[len - 1] == '\r')
			len--;
		if (blank(start, len))
			continue;
		take_line(s, start, len);
		return 1;
	}
}

/* Reads what standard input has, as much as the buffer holds. */
static void
read_input(struct input *in)
{
	ssize_t n;

	if (in->start > 0) {
		memmove(in->buf, in->buf + in->start, in->end - in->start);
		in->end -= in->start;
		in->start = 0;
	}
	if (in->end == sizeof in->buf)
		return;
	n = read(STDIN_FILENO, in->buf + in->end, sizeof in->buf - in->end);
	if (n > 0)
		in->end += (size_t)n;
	else if (n == 0 || (errno != EAGAIN && errno != EINTR))
		in->eof = true;
}

/* Splits the line into its target and words, in the slot's copy. */
static bool
split(struct slot *s, struct mp_batch_line *line)
{
	char *p = s->words, *word;

	memcpy(s->words, s->line, sizeof s->words);
	line->target = NULL;
	line->nwords = 0;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (*p == '\0')
			break;
		word = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		if (line->target == NULL)
			line->target = word;
		else if (line->nwords == MP_BATCH_WORDS_MAX)
			return false;
		else
			line->words[line->nwords++] = word;
	}
	return true;
}

static void
count_key(struct tally *t, const char *key)
{
	size_t i;

	for (i = 0; i < t->nkeys && strcmp(t->keys[i].key, key) != 0; i++)
		;
	if (i == t->nkeys) {
		if (t->nkeys == KEYS_MAX)
			return;
		t->keys[t->nkeys].key = key;
		t->keys[t->nkeys++].n = 0;
	}
	t->keys[i].n++;
}

/* Keeps the slowest targets, slowest first. */
static void
count_time(struct tally *t, const struct slot *s)
{
	size_t i, j;

	for (i = 0; i < t->nslowest && t->slowest[i].ms >= s->ms; i++)
		;
	if (i == SLOWEST_MAX)
		return;
	if (t->nslowest < SLOWEST_MAX)
		t->nslowest++;
	for (j = t->nslowest - 1; j > i; j--)
		t->slowest[j] = t->slowest[j - 1];
	t->slowest[i].ms = s->ms;
	mp_escape_utf8(t->slowest[i].input, SHOWN_SIZE, s->line,
	    strlen(s->line));
}

/* Writes a finished slot's result, unless a summary stands for them. */
static int
write_result(const struct mp_batch_run *run,
    const struct mp_batch_kind *kind, struct slot *s, struct tally *t)
{
	const struct mp_cli *cli = run->cli;
	struct mp_records records = { .kind = kind->records };
	int status = MP_EXIT_TROUBLE;

	if (s->error[0] == '\0')
		status = kind->found(&s->job, &records, s->error,
		    sizeof s->error);
	t->targets++;
	if (status == MP_EXIT_TROUBLE) {
		t->errors++;
		count_key(t, "error");
	} else {
		count_key(t, kind->key(&s->job));
		count_time(t, s);
	}
	if (status == MP_EXIT_FOUND)
		t->works++;
	else if (t->attention++ < ATTENTION_MAX)
		mp_escape_utf8(t->shown[t->attention - 1], SHOWN_SIZE, s->line,
		    strlen(s->line));
	if (!cli->summary) {
		if (s->error[0] != '\0')
			mp_print_error_record(stdout, cli->format, kind->records,
			    s->line, s->error);
		else {
			records.input = s->line;
			mp_print_records(stdout, cli, &records, false);
		}
		/* A line at a time, for head(1) and jq(1) downstream. */
		fflush(stdout);
	}
	s->state = FREE;
	return status;
}

/* Worse of two exit statuses: trouble, then not found. */
static int
worse(int a, int b)
{
	return a == MP_EXIT_TROUBLE || b == MP_EXIT_TROUBLE ? MP_EXIT_TROUBLE :
	    a == MP_EXIT_NOT_FOUND || b == MP_EXIT_NOT_FOUND ?
	    MP_EXIT_NOT_FOUND : MP_EXIT_FOUND;
}

static void
draw_progress(const struct tally *t, size_t running,
    const struct input *in, unsigned elapsed)
{
	char left[32] = "";
	double rate = elapsed > 0 ? (double)t->targets * 1000.0 / elapsed : 0;

	/* Time left is known when the list is a file, by bytes read. */
	if (in->size > 0 && in->taken > 0 && elapsed > 0) {
		double share = (double)in->taken / (double)in->size;
		double rest = elapsed / 1000.0 * (1 - share) / share;

		snprintf(left, sizeof left, ", %.0f s left", rest);
	}
	fprintf(stderr, "\r%lu done, %zu in flight, %lu errors, %.0f a second%s"
	    "\033[K", t->targets, running, t->errors, rate, left);
}

static void
print_summary(FILE *fp, const struct mp_cli *cli, const struct tally *t,
    unsigned elapsed)
{
	size_t i;

	if (cli->format == MP_FORMAT_JSON) {
		fprintf(fp, "{\"targets\":%lu,\"works\":%lu,\"attention\":%lu,"
		    "\"errors\":%lu,\"seconds\":%.3f,\"by\":{", t->targets,
		    t->works, t->attention, t->errors, elapsed / 1000.0);
		for (i = 0; i < t->nkeys; i++) {
			fputs(i > 0 ? "," : "", fp);
			mp_put_json_text(fp, t->keys[i].key);
			fprintf(fp, ":%lu", t->keys[i].n);
		}
		fputs("},\"slowest\":[", fp);
		for (i = 0; i < t->nslowest; i++) {
			fputs(i > 0 ? ",{\"input\":" : "{\"input\":", fp);
			mp_put_json_text(fp, t->slowest[i].input);
			fprintf(fp, ",\"ms\":%u}", t->slowest[i].ms);
		}
		fputs("],\"attention_first\":[", fp);
		for (i = 0; i < t->attention && i < ATTENTION_MAX; i++) {
			fputs(i > 0 ? "," : "", fp);
			mp_put_json_text(fp, t->shown[i]);
		}
		fputs("]}\n", fp);
		return;
	}
	fprintf(fp, "Targets                  %lu in %.1f s\n", t->targets,
	    elapsed / 1000.0);
	fprintf(fp, "Work                     %lu\n", t->works);
	fprintf(fp, "Need attention           %lu\n", t->attention);
	fprintf(fp, "Errors                   %lu\n", t->errors);
	for (i = 0; i < t->nkeys; i++)
		fprintf(fp, "  %-22s %lu\n", t->keys[i].key, t->keys[i].n);
	for (i = 0; i < t->attention && i < ATTENTION_MAX; i++)
		fprintf(fp, "%s%s\n", i == 0 ? "First to look at:\n  " : "  ",
		    t->shown[i]);
	if (t->attention > ATTENTION_MAX)
		fprintf(fp, "  and %lu more\n", t->attention - ATTENTION_MAX);
	for (i = 0; i < t->nslowest; i++)
		fprintf(fp, "%s%-40s %6u ms\n", i == 0 ? "Slowest:\n  " : "  ",
		    t->slowest[i].input, t->slowest[i].ms);
}

/*
 * The results in the order of the lines: the next one's, as long as it
 * is there; or, unordered, every finished one.
 */
static int
write_finished(const struct mp_batch_run *run,
    const struct mp_batch_kind *kind, unsigned long *next, struct tally *t)
{
	int status = MP_EXIT_FOUND;
	size_t i;
	bool more = true;

	while (more) {
		more = false;
		for (i = 0; i < nslots; i++) {
			struct slot *s = &slots[i];

			if (s->state != FINISHED ||
			    (!run->cli->unordered && s->seq != *next))
				continue;
			status = worse(status, write_result(run, kind, s, t));
			++*next;
			/* In order, the next may be in any slot: look again. */
			if (!run->cli->unordered) {
				more = true;
				break;
			}
		}
	}
	return status;
}

/*
 * The answers waiting on the name servers' sockets, taken every few
 * jobs: a socket holds a few hundred answers, and a thousand questions
 * in flight answer faster than the jobs of one turn of the loop are
 * served, which would overflow it.
 */
static void
drain(struct mp_resolver *resolver, unsigned long served, unsigned now)
{
	if (served % DRAIN_EVERY == 0)
		mp_resolver_drain(resolver, now);
}

/* Starts the slot's line as a job, or finishes it with its error. */
static void
start_slot(const struct mp_batch_run *run, const struct mp_batch_kind *kind,
    struct slot *s, unsigned now)
{
	struct mp_batch_line line;

	s->started = now;
	s->state = FINISHED;
	s->ms = 0;
	if (s->error[0] != '\0')
		return;
	if (!split(s, &line)) {
		snprintf(s->error, sizeof s->error, "more than %d words after "
		    "the target", MP_BATCH_WORDS_MAX);
		return;
	}
	/* One the table answers is done as it starts. */
	if (kind->start(&s->job, &line, run, now, s->error, sizeof s->error) &&
	    !kind->done(&s->job))
		s->state = RUNNING;
}

int
mp_batch(const struct mp_cli *cli, const struct mp_batch_kind *kind,
    const struct mp_query *query, char **words, int nwords)
{
	static struct mp_resolver resolver;
	static struct mp_probe_pool pool;
	static struct pollfd fds[MP_SESSION_FDS];
	static struct input in;
	static struct tally tally;
	struct mp_address servers[MP_CLI_NAME_SERVERS_MAX];
	struct mp_batch_run run = { .cli = cli, .query = query,
	    .words = words, .nwords = nwords };
	struct mp_poll_set set;
	struct stat st;
	unsigned long seq = 0, next = 0, taken, written, served = 0;
	unsigned began, drawn = 0;
	size_t nservers, running = 0, used = 0, i, k, input_slot, output_slot;
	size_t cursor = 0;
	/* For people only: a script's stderr gets nothing. */
	bool progress = isatty(STDERR_FILENO);
	bool pipe_out = fstat(STDOUT_FILENO, &st) == 0 && S_ISFIFO(st.st_mode);
	int status = MP_EXIT_FOUND;

	if (cli->format == MP_FORMAT_PORTS || cli->best) {
		warnx("%s is for one target: a list writes JSON lines, or TSV "
		    "with --tsv", cli->best ? "-1" : "-p");
		return MP_EXIT_USAGE;
	}
	if ((nservers = mp_cli_name_servers(cli, true, servers)) == 0)
		return MP_EXIT_TROUBLE;
	nslots = WINDOW * (size_t)cli->parallel;
	if ((slots = calloc(nslots, sizeof *slots)) == NULL) {
		warn("no memory for %u targets at once (--parallel)",
		    cli->parallel);
		return MP_EXIT_TROUBLE;
	}
	in.size = fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode) ?
	    (long long)st.st_size : -1;
	mp_resolver_open(&resolver, servers, nservers);
	mp_probe_pool_init(&pool, cli->per_address, cli->rate);
	run.session.resolver = &resolver;
	run.session.pool = &pool;
	run.session.store = cli->verify || kind != &mp_batch_discover_kind ?
	    mp_cli_trust() : NULL;
	run.session.timeout_ms = cli->timeout_ms;
	mp_poll_set_init(&set, fds, LEN(fds));
	began = set.now;
	signal(SIGINT, on_interrupt);
	if (cli->format == MP_FORMAT_TSV && !cli->summary)
		mp_print_records_header(stdout, kind->records);
	while (!interrupted) {
		/*
		 * New targets while there is room, in flight and in the
		 * reorder window, and the results that are ready, until
		 * neither goes on: a result written makes room, and a target
		 * the table answers is ready as it starts.
		 */
		for (taken = 1; taken > 0; ) {
			for (taken = 0, k = 0; k < nslots && !in.done &&
			    running < cli->parallel && used < nslots; ) {
				struct slot *s = &slots[(cursor + k) % nslots];
				int got;

				if (s->state != FREE) {
					k++;
					continue;
				}
				if ((got = next_line(&in, s)) <= 0) {
					in.done = got < 0;
					break;
				}
				s->seq = seq++;
				/* The slots in turn: the memory a run holds is
				   soon all it will hold, however long the list. */
				cursor = (size_t)(s - slots) + 1;
				k = 0;
				used++;
				taken++;
				start_slot(&run, kind, s, set.now);
				drain(&resolver, ++served, set.now);
				running += s->state == RUNNING;
			}
			written = next;
			status = worse(status, write_finished(&run, kind, &next,
			    &tally));
			for (used = 0, i = 0; i < nslots; i++)
				used += slots[i].state != FREE;
			taken += next - written;
		}
		if (in.done && used == 0)
			break;
		mp_poll_set_begin(&set);
		mp_resolver_want(&resolver, &set);
		for (i = 0; i < nslots; i++)
			if (slots[i].state == RUNNING)
				kind->want(&slots[i].job, &set);
		input_slot = !in.done && !in.eof && running < cli->parallel &&
		    used < nslots ? mp_poll_set_add(&set, STDIN_FILENO, POLLIN) :
		    MP_POLL_NONE;
		/* A reader gone (head -1) is seen at once, not at the
		   next result. */
		output_slot = pipe_out && !cli->summary ?
		    mp_poll_set_add(&set, STDOUT_FILENO, 0) : MP_POLL_NONE;
		if (progress)
			mp_poll_set_due(&set, drawn + PROGRESS_MS);
		if (!mp_poll_set_wait(&set))
			break;
		if (mp_poll_set_events(&set, output_slot) & POLLERR) {
			/* Nothing reaches a closed pipe: this write only
			   ends the run as a write to it ends cat. */
			putc('\n', stdout);
			fflush(stdout);
			break;
		}
		mp_resolver_serve(&resolver, &set);
		for (i = 0; i < nslots; i++) {
			struct slot *s = &slots[i];

			if (s->state != RUNNING)
				continue;
			kind->serve(&s->job, &run, &set);
			drain(&resolver, ++served, set.now);
			if (kind->done(&s->job)) {
				s->state = FINISHED;
				s->ms = set.now - s->started;
				running--;
			}
		}
		if (mp_poll_set_events(&set, input_slot) != 0)
			read_input(&in);
		if (progress && (int)(set.now - drawn) >= PROGRESS_MS) {
			draw_progress(&tally, running, &in, set.now - began);
			drawn = set.now;
		}
	}
	mp_resolver_close(&resolver);
	if (progress)
		fputs("\r\033[K", stderr);
	if (cli->summary)
		print_summary(stdout, cli, &tally, set.now - began);
	return interrupted ? 128 + SIGINT : status;
}

int
mp_batch_ports(const struct mp_cli *cli, const struct mp_batch_kind *kind,
    char **words, int nwords, const char *option)
{
	struct mp_query query;

	if (mp_cli_port_words(&query, words, nwords, option) != MP_EXIT_FOUND)
		return MP_EXIT_TROUBLE;
	return mp_batch(cli, kind, &query, words, nwords);
}
