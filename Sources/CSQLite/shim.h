#include <sqlite3.h>

/// Process-wide SQLite settings, applied before the first connection opens (`sqlite3_config` is variadic,
/// which Swift cannot call). Memory statistics off: with them on, every allocation SQLite makes takes a
/// global mutex, about 3% of the ingest writer's time. Returns SQLITE_MISUSE when SQLite was already
/// initialized, which leaves the defaults in place.
static inline int segsync_sqlite3_configure(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
