package vmlab.display;

/** Turns objects of one type into a {@link MimeBundle}. */
@FunctionalInterface
public interface Renderer<T> {
    MimeBundle render(T value) throws Exception;
}
