package io.missive.core.store;

/** The directories the core reads to check and fan out a message: users, groups and push channels. */
public record Directories(UserDirectory users, GroupDirectory groups, ChannelDirectory channels) {
}
