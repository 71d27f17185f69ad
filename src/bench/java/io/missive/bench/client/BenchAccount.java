package io.missive.bench.client;

/** A user of the load generator: its login and, on Missive, its uid (0 where the server has no uids). */
public record BenchAccount(String username, String password, long uid) {

    @Override
    public String toString() {
        return "BenchAccount[" + username + ", uid=" + uid + "]";
    }
}
