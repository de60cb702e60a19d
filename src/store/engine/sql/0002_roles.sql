-- Identity the database proves, and permissions it enforces.
--
-- Each analyst may have a login role of their own, member of one of two
-- group roles: mesa_analista or mesa_supervisor (a supervisor is also an
-- analyst). Connected as such a login, who acts is session_user: mesa
-- takes it as the analyst, and the checks below hold whatever program
-- writes (mesa, psql, anything else).
--
-- The installer's account (the database owner, or a superuser) keeps every
-- right: it applies these migrations, restores backups, and adds the first
-- supervisor. Group roles belong to the whole cluster: several desks on one
-- server share the two names.
--
-- An owner without CREATEROLE cannot create the groups: then nothing here
-- is granted and only the owner can use the database, as before.

CREATE FUNCTION mesa_is_admin() RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
        OR pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'public.mesa_tree'::regclass), 'MEMBER')
$$;

CREATE FUNCTION mesa_is_supervisor() RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mesa_supervisor')
        THEN pg_has_role(session_user, 'mesa_supervisor', 'MEMBER') ELSE false END
$$;

-- What only a supervisor may write, and what nobody may rewrite. The
-- messages are the SQLSTATE's words; mesa says them in Spanish.
CREATE FUNCTION mesa_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    tree   text := coalesce(NEW.tree, OLD.tree);
    before jsonb;
    after  jsonb;
BEGIN
    IF public.mesa_is_admin() THEN
        RETURN coalesce(NEW, OLD);
    END IF;
    IF tree = 'audit' THEN
        -- Append-only for everyone who works the desk, supervisors too;
        -- and an entry names who is connected, nobody else.
        IF TG_OP <> 'INSERT' THEN
            RAISE EXCEPTION 'mesa: audit entries are never changed or removed'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        after := convert_from(NEW.value, 'UTF8')::jsonb;
        IF after #>> '{data,by}' IS DISTINCT FROM session_user THEN
            RAISE EXCEPTION 'mesa: an audit entry names who is connected'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    IF public.mesa_is_supervisor() THEN
        RETURN coalesce(NEW, OLD);
    END IF;
    -- Sealing a batch and marking it sent; staff administration.
    IF tree IN ('batches', 'analysts') THEN
        RAISE EXCEPTION 'mesa: % is the supervisor''s', tree
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- An analyst's own password only.
    IF tree = 'credentials' AND coalesce(NEW.key, OLD.key) <> convert_to(session_user, 'UTF8') THEN
        RAISE EXCEPTION 'mesa: another analyst''s password'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF tree = 'tickets' THEN
        -- Purge removes tickets.
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'mesa: removing tickets is the supervisor''s'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        -- Sent to RENIEC, and RENIEC's answers.
        after := convert_from(NEW.value, 'UTF8')::jsonb;
        IF TG_OP = 'UPDATE' THEN
            before := convert_from(OLD.value, 'UTF8')::jsonb;
        ELSE
            -- mesa writes by upsert: its INSERT may replace a row.
            SELECT convert_from(value, 'UTF8')::jsonb INTO before
              FROM public.mesa_tree t WHERE t.tree = NEW.tree AND t.key = NEW.key;
        END IF;
        IF after #>> '{data,ticket,status}' IN ('enviado', 'aprobado', 'rechazado')
           AND after #>> '{data,ticket,status}' IS DISTINCT FROM before #>> '{data,ticket,status}' THEN
            RAISE EXCEPTION 'mesa: marking sent and RENIEC''s answers are the supervisor''s'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN coalesce(NEW, OLD);
END
$$;

CREATE TRIGGER mesa_guard
    BEFORE INSERT OR UPDATE OR DELETE ON mesa_tree
    FOR EACH ROW EXECUTE FUNCTION mesa_guard();

-- Nobody but the owner truncates (TRUNCATE fires no row trigger).
REVOKE ALL ON mesa_tree, mesa_schema FROM PUBLIC;

-- A supervisor's connection adds logins through this function alone: it
-- runs with the owner's rights, and only creates (or re-keys) a member of
-- the two groups. `verifier` is a SCRAM-SHA-256 verifier computed by mesa,
-- never the password.
CREATE FUNCTION mesa_add_login(name text, verifier text, supervisor boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    grp text := CASE WHEN supervisor THEN 'mesa_supervisor' ELSE 'mesa_analista' END;
    other text := CASE WHEN supervisor THEN 'mesa_analista' ELSE 'mesa_supervisor' END;
BEGIN
    IF NOT (public.mesa_is_admin() OR public.mesa_is_supervisor()) THEN
        RAISE EXCEPTION 'mesa: adding logins is the supervisor''s'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION 'mesa: a SCRAM verifier is expected' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
        -- Only a login of this desk is re-keyed, never another account.
        IF NOT (pg_has_role(name, 'mesa_analista', 'MEMBER')
                AND NOT (SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = name)) THEN
            RAISE EXCEPTION 'mesa: % is not a login of this desk', name
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        EXECUTE format('ALTER ROLE %I PASSWORD %L', name, verifier);
    ELSE
        EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', name, verifier);
    END IF;
    EXECUTE format('GRANT %I TO %I', grp, name);
    IF pg_has_role(name, other, 'MEMBER') AND NOT supervisor THEN
        EXECUTE format('REVOKE %I FROM %I', other, name);
    END IF;
END
$$;
REVOKE ALL ON FUNCTION mesa_add_login(text, text, boolean) FROM PUBLIC;

-- A disabled analyst's login stops connecting; enabled again, it may.
CREATE FUNCTION mesa_login_enabled(name text, enabled boolean) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT (public.mesa_is_admin() OR public.mesa_is_supervisor()) THEN
        RAISE EXCEPTION 'mesa: disabling logins is the supervisor''s'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name)
       OR NOT pg_has_role(name, 'mesa_analista', 'MEMBER') THEN
        RETURN false;
    END IF;
    IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = name) THEN
        RETURN false;
    END IF;
    EXECUTE format('ALTER ROLE %I %s', name, CASE WHEN enabled THEN 'LOGIN' ELSE 'NOLOGIN' END);
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION mesa_login_enabled(text, boolean) FROM PUBLIC;

DO $$
BEGIN
    IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
        RAISE NOTICE 'mesa: without CREATEROLE, no analyst logins';
        RETURN;
    END IF;
    -- Another desk's database on this server may be creating them at
    -- this very moment: the one that loses the race finds them made.
    BEGIN
        CREATE ROLE mesa_analista NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    BEGIN
        CREATE ROLE mesa_supervisor NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    GRANT mesa_analista TO mesa_supervisor;
    GRANT SELECT, INSERT, UPDATE, DELETE ON mesa_tree TO mesa_analista;
    GRANT SELECT ON mesa_schema TO mesa_analista;
    GRANT EXECUTE ON FUNCTION mesa_add_login(text, text, boolean) TO mesa_supervisor;
    GRANT EXECUTE ON FUNCTION mesa_login_enabled(text, boolean) TO mesa_supervisor;
END
$$;
