/** Untrusted text in the HTML the views write back is escaped. */
import { escapeAttribute } from '../dom';

describe('escapeAttribute', () => {
  it('escapes every character that could end the attribute or open a tag', () => {
    const hostile = `"><script>alert('x')</script><img src=x onerror="y">&`;
    const escaped = escapeAttribute(hostile);
    expect(escaped).not.toMatch(/[<>"']/);
    expect(escaped).toBe(
      '&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=&quot;y&quot;&gt;&amp;'
    );
  });
});
