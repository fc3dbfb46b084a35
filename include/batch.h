/*
 * batch.h - a list of targets, one a line of standard input, run many at
 * once in one poll loop: the lines read as room allows, each target's
 * questions, fetches and probes in flight beside the others', the results
 * written a line each, in input order or as they come, and a summary.
 *
 * Each mode that takes a list (--discover -, --probe -, --check -) is a
 * kind: how a line starts a job, how the job runs, what it found.
 */
#ifndef MAILPORTS_BATCH_H
#define MAILPORTS_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"
#include "cli.h"
#include "discover_job.h"
#include "print.h"
#include "session.h"

/* A line longer is refused, not read: no target is so long. */
#define MP_BATCH_LINE_MAX 1024
/* Words a line may have after its target. */
#define MP_BATCH_WORDS_MAX 16
#define MP_BATCH_ERROR_SIZE 192

/* A line as a kind reads it: its target and the words after it. */
struct mp_batch_line {
	const char	*target;
	char		*words[MP_BATCH_WORDS_MAX];
	int		 nwords;
};

/* A probe of one host, as --probe HOST makes it. */
#define MP_BATCH_PROBES (2 * MP_PORTS_MAX)	/* an address of each family */
struct mp_batch_probe {
	char			 host[MP_HOST_NAME_SIZE];
	struct mp_probe_target	 targets[MP_PORTS_MAX];
	size_t			 ntargets;
	struct mp_dns_question	 q[2];		/* its A and AAAA */
	bool			 asking;
	char			 unresolved[MP_BATCH_ERROR_SIZE];
	struct mp_probe_result	 results[MP_BATCH_PROBES];
	size_t			 n;
	struct mp_prober	 prober;
};

struct mp_batch_discover {
	struct mp_query		 query;
	struct mp_discovery	 d;
	struct mp_discover_job	 job;
};

/* A discovery of a list's line, with the state of a probe if asked. */
struct mp_batch_discovery {
	struct mp_batch_discover base;
	struct mp_verify	 verification;
};

/*
 * A check of a setting (HOST:PORT and words), or of an address's
 * settings (the provider's, or what discovery finds): their hosts
 * resolved, their targets probed, each diagnosed; then the names a
 * certificate made out to other hosts suggests, resolved and probed.
 */
#define MP_BATCH_CHECKS 4
/* A setting has seven targets at most (mp_check_targets), each probed
   on an address of each family; a candidate, one. */
#define MP_BATCH_CHECK_RESULTS (MP_BATCH_CHECKS * 8 * 2)
#define MP_BATCH_SUGGESTIONS (MP_BATCH_CHECKS * MP_CHECK_CANDIDATES_MAX)
enum mp_batch_check_phase {
	MP_BATCH_DISCOVERING,
	MP_BATCH_RESOLVING,
	MP_BATCH_PROBING,
	MP_BATCH_SUGGESTING_RESOLVING,
	MP_BATCH_SUGGESTING,
	MP_BATCH_CHECKED
};
struct mp_batch_check {
	enum mp_batch_check_phase phase;
	struct mp_endpoint	 settings[MP_BATCH_CHECKS];
	size_t			 n;
	struct mp_dns_question	 q[MP_BATCH_SUGGESTIONS][2];
	size_t			 nq;
	size_t			 start[MP_BATCH_CHECKS], count[MP_BATCH_CHECKS];
	struct mp_probe_result	 results[MP_BATCH_CHECK_RESULTS];
	size_t			 used;
	char			 names[MP_BATCH_SUGGESTIONS][MP_HOST_NAME_SIZE];
	size_t			 owner[MP_BATCH_SUGGESTIONS];
	struct mp_check		 checks[MP_BATCH_CHECKS];
	struct mp_prober	 prober;
	char			 error[MP_BATCH_ERROR_SIZE];
	bool			 unanswered;	/* the name servers failed */
	struct mp_batch_discover discover;
};

union mp_batch_job {
	struct mp_batch_probe	 probe;
	struct mp_batch_discovery discover;
	struct mp_batch_check	 check;
};

/* What the jobs of a run share: the session and the options. */
struct mp_batch_run {
	const struct mp_cli	*cli;
	const struct mp_query	*query;		/* the command line's words */
	char			**words;	/* and as typed */
	int			 nwords;
	struct mp_session	 session;
};

struct mp_batch_kind {
	enum mp_records_kind	 records;
	/* Starts the job of a line; false with error set when it is none. */
	bool	(*start)(union mp_batch_job *job, const struct mp_batch_line *line,
		    const struct mp_batch_run *run, unsigned now, char *error,
		    size_t size);
	void	(*want)(union mp_batch_job *job, struct mp_poll_set *set);
	void	(*serve)(union mp_batch_job *job, const struct mp_batch_run *run,
		    const struct mp_poll_set *set);
	bool	(*done)(const union mp_batch_job *job);
	/*
	 * What it found, to write: MP_EXIT_FOUND when it works,
	 * MP_EXIT_NOT_FOUND when it does not, MP_EXIT_TROUBLE when it could
	 * not tell (a host the name servers did not answer for).  With error
	 * set there is nothing but the error to write.
	 */
	int	(*found)(const union mp_batch_job *job, struct mp_records *records,
		    char *error, size_t size);
	/* The key it is counted under in the summary, such as "srv". */
	const char *(*key)(const union mp_batch_job *job);
};

extern const struct mp_batch_kind mp_batch_discover_kind;
extern const struct mp_batch_kind mp_batch_probe_kind;
extern const struct mp_batch_kind mp_batch_check_kind;

/*
 * Runs the kind over the lines of standard input, with the words of the
 * command line for every line; returns the exit status: MP_EXIT_FOUND when
 * every target works, MP_EXIT_NOT_FOUND when one does not, MP_EXIT_TROUBLE
 * when a line could not be read, 130 when interrupted.
 */
int mp_batch(const struct mp_cli *cli, const struct mp_batch_kind *kind,
    const struct mp_query *query, char **words, int nwords);
/* The same, for a mode whose words pick ports (option names it). */
int mp_batch_ports(const struct mp_cli *cli, const struct mp_batch_kind *kind,
    char **words, int nwords, const char *option);

#endif
