import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref, type ShallowRef } from 'vue';

/**
 * The content size of the element `holder` refers to, kept current as it
 * resizes, and as it comes and goes (a canvas' holder shown only while a
 * character is selected). Zero until measured.
 */
export function useElementSize(holder: Ref<HTMLElement | undefined>): ShallowRef<{ width: number; height: number }> {
  const size = shallowRef({ width: 0, height: 0 });
  let observer: ResizeObserver | undefined;
  watch(holder, (element, previous) => {
    if (previous) observer?.unobserve(previous);
    if (element) observer?.observe(element);
  });
  onMounted(() => {
    observer = new ResizeObserver(([entry]) => {
      if (entry) size.value = { width: entry.contentRect.width, height: entry.contentRect.height };
    });
    if (holder.value) observer.observe(holder.value);
  });
  onBeforeUnmount(() => observer?.disconnect());
  return size;
}
