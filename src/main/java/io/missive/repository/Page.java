package io.missive.repository;

import java.util.List;

/** One page of an operators' listing and how many items the whole listing has. */
public record Page<T>(long total, List<T> items) {
}
