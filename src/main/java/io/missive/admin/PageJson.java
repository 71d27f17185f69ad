package io.missive.admin;

import io.missive.repository.Page;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/** One page of a listing: how many there are in all, the page's place, and its items. */
@Schema(name = "AdminPage")
@JsonbPropertyOrder({"total", "offset", "limit", "items"})
public record PageJson<T>(long total, int offset, int limit, List<T> items) {

    static <T> PageJson<T> of(long total, Paging paging, List<T> items) {
        return new PageJson<>(total, paging.offset(), paging.limit(), items);
    }

    /** A page the store read, its rows turned into JSON items. */
    static <R, T> PageJson<T> of(Paging paging, Page<R> page, Function<R, T> item) {
        return of(page.total(), paging, page.items().stream().map(item).toList());
    }
}
