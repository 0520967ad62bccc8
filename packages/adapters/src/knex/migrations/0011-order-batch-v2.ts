// livedrops_order_batch_v2 (migration 0011): livedrops_order_batch (0007) for drops of either
// checkout. The caller says what a granted order becomes (`p_status`: 'confirmed', or 'held'
// with a deadline in `p_expires`) and what the buyer's event is (`p_event_type`: 'order.confirmed'
// or 'order.held'), all made by the core as before. Units of a pay drop can come back, so a
// stock line's event fires only if `lines_fired` says it never did (1 low, 2 sold out), and the
// drop's `returned` is answered so the caller can floor the cached `sold + returned`. The 0007
// function stays for instances not yet upgraded (it decides instant drops exactly as before).
export const ORDER_BATCH_V2 = `CREATE FUNCTION livedrops_order_batch_v2(
  p_drop text, p_users text[], p_keys text[], p_fingerprints text[], p_quantities int[], p_created int8[],
  p_order_ids text[], p_unit_cents int8, p_currency text, p_granted jsonb[], p_event_ids text[], p_event_data jsonb[],
  p_low_id text, p_low_data jsonb, p_sold_out_id text, p_sold_out_data jsonb,
  p_refusals jsonb, p_sentinel text, p_celebrity int, p_status text, p_event_type text, p_expires int8[])
RETURNS TABLE (verdict text, amount int, total int, fingerprint text, outcome jsonb, created_at int8, returned int)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  n int := cardinality(p_users);
  d record; prior record; fan text; lim int; left_ int; q int; t int; k int; fired int;
  tally jsonb := '{}';
  v text[] := array_fill(NULL::text, ARRAY[n]); a int[] := array_fill(NULL::int, ARRAY[n]);
  pf text[] := array_fill(NULL::text, ARRAY[n]); po jsonb[] := array_fill(NULL::jsonb, ARRAY[n]);
  pc int8[] := array_fill(NULL::int8, ARRAY[n]);
  o_i int[] := '{}'; e_id text[] := '{}'; e_type text[] := '{}'; e_user text[] := '{}'; e_data jsonb[] := '{}';
  e_at int8[] := '{}'; e_fan text[] := '{}'; r_i int[] := '{}'; r_out jsonb[] := '{}';
  kept int;
BEGIN
  FOR prior IN
    SELECT x.i::int AS i, ik.fingerprint, ik.outcome, ik.created_at FROM unnest(p_users, p_keys) WITH ORDINALITY AS x(u, key, i)
    JOIN idempotency_keys ik ON ik.user_id = x.u AND ik.key = x.key
  LOOP
    v[prior.i] := 'replay'; pf[prior.i] := prior.fingerprint; po[prior.i] := prior.outcome; pc[prior.i] := prior.created_at;
  END LOOP;
  SELECT dr.sold, dr.total, dr.returned, dr.lines_fired, dr.cancelled_at, dr.per_user_limit, dr.low_stock_threshold, dr.creator_id
    INTO d FROM drops dr WHERE dr.id = p_drop FOR UPDATE;
  IF FOUND THEN
    lim := d.per_user_limit; left_ := d.total - d.sold; fired := d.lines_fired;
    SELECT CASE WHEN u.follower_count >= p_celebrity THEN 'read' ELSE 'write' END INTO fan FROM users u WHERE u.id = d.creator_id;
    IF lim IS NOT NULL THEN
      SELECT COALESCE(jsonb_object_agg(b.user_id, b.quantity), '{}') INTO tally FROM drop_buyers b
        WHERE b.drop_id = p_drop AND b.user_id = ANY(p_users);
    END IF;
  END IF;
  FOR k IN 1..n LOOP
    CONTINUE WHEN v[k] = 'replay';
    q := p_quantities[k];
    t := COALESCE((tally ->> p_users[k])::int, 0);
    IF d IS NULL THEN v[k] := 'not_found';
    ELSIF d.cancelled_at IS NOT NULL THEN v[k] := 'cancelled';
    ELSIF lim IS NOT NULL AND t + q > lim THEN v[k] := 'purchase_limit_exceeded'; a[k] := GREATEST(0, lim - t);
    ELSIF q > left_ THEN v[k] := CASE WHEN left_ = 0 THEN 'sold_out' ELSE 'insufficient_stock' END; a[k] := left_;
    ELSE
      v[k] := 'ok'; left_ := left_ - q; a[k] := left_; o_i := o_i || k;
      IF lim IS NOT NULL THEN tally := tally || jsonb_build_object(p_users[k], t + q); END IF;
      e_id := e_id || p_event_ids[k]; e_type := e_type || p_event_type; e_user := e_user || p_users[k];
      e_data := e_data || p_event_data[k]; e_at := e_at || p_created[k]; e_fan := e_fan || NULL::text;
      IF fired & 1 = 0 AND left_ + q > d.low_stock_threshold AND left_ <= d.low_stock_threshold THEN
        fired := fired | 1;
        e_id := e_id || p_low_id; e_type := e_type || 'stock.low'::text; e_user := e_user || NULL::text;
        e_data := e_data || jsonb_set(p_low_data, '{available}', to_jsonb(left_)); e_at := e_at || p_created[k]; e_fan := e_fan || fan;
      END IF;
      IF fired & 2 = 0 AND left_ = 0 THEN
        fired := fired | 2;
        e_id := e_id || p_sold_out_id; e_type := e_type || 'drop.sold_out'::text; e_user := e_user || NULL::text;
        e_data := e_data || p_sold_out_data; e_at := e_at || p_created[k]; e_fan := e_fan || fan;
      END IF;
    END IF;
    r_i := r_i || k;
    r_out := r_out || CASE WHEN v[k] = 'ok' THEN p_granted[k]
      ELSE replace(p_refusals ->> v[k], p_sentinel, COALESCE(a[k], 0)::text)::jsonb END;
  END LOOP;
  IF cardinality(o_i) > 0 THEN
    UPDATE drops SET sold = d.total - left_, lines_fired = fired WHERE id = p_drop;
    IF lim IS NOT NULL THEN
      INSERT INTO drop_buyers (drop_id, user_id, quantity) SELECT p_drop, b.key, b.value::int FROM jsonb_each_text(tally) b
        WHERE b.key = ANY(SELECT p_users[i] FROM unnest(o_i) i)
        ON CONFLICT (drop_id, user_id) DO UPDATE SET quantity = EXCLUDED.quantity;
    END IF;
    INSERT INTO orders (id, user_id, drop_id, quantity, unit_price_cents, total_cents, currency, status, created_at, expires_at)
      SELECT p_order_ids[i], p_users[i], p_drop, p_quantities[i], p_unit_cents, p_unit_cents * p_quantities[i], p_currency,
        p_status, p_created[i], p_expires[i] FROM unnest(o_i) i;
    INSERT INTO outbox (id, type, drop_id, creator_id, user_id, data, created_at, fanout)
      SELECT ev.id, ev.type, p_drop, d.creator_id, ev.u, ev.data, ev.at, ev.fan
      FROM unnest(e_id, e_type, e_user, e_data, e_at, e_fan) WITH ORDINALITY AS ev(id, type, u, data, at, fan, ord) ORDER BY ev.ord;
  END IF;
  INSERT INTO idempotency_keys (user_id, key, fingerprint, outcome, created_at)
    SELECT p_users[i], p_keys[i], p_fingerprints[i], r.out, p_created[i] FROM unnest(r_i, r_out) AS r(i, out)
    ON CONFLICT (user_id, key) DO NOTHING;
  GET DIAGNOSTICS kept = ROW_COUNT;
  IF kept < cardinality(r_i) THEN PERFORM livedrops_decline('idempotency key recorded meanwhile'); END IF;
  RETURN QUERY SELECT v[i], a[i], d.total, pf[i], po[i], pc[i], d.returned
    FROM generate_series(1, n) i;
END $$`;
