/* st-workflow.c
 *
 * Copyright 2026 The Stocktake authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "st-history.h"
#include "st-workflow.h"

struct _StWorkflow
{
  GObject      parent_instance;

  StReport    *report;
  StRole       role;
  char        *respondent_id;
  char        *author;
  StValidator *validator;
  StHistory   *history;

  /* Submissions whose edits are watched: StSubmission* (a reference) →
   * handler id */
  GHashTable  *watched;
};

G_DEFINE_FINAL_TYPE (StWorkflow, st_workflow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_ROLE,
  PROP_RESPONDENT_ID,
  PROP_AUTHOR,
  PROP_VALIDATOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rules: who may move a submission from where to where */
static const struct {
  StRole   role;
  StStatus from;
  StStatus to;
} rules[] = {
  { ST_ROLE_DEPARTMENT, ST_STATUS_DRAFT,     ST_STATUS_SUBMITTED },
  { ST_ROLE_DEPARTMENT, ST_STATUS_RETURNED,  ST_STATUS_SUBMITTED },
  { ST_ROLE_REVIEWER,   ST_STATUS_SUBMITTED, ST_STATUS_RETURNED },
  { ST_ROLE_REVIEWER,   ST_STATUS_SUBMITTED, ST_STATUS_APPROVED },
  { ST_ROLE_REVIEWER,   ST_STATUS_APPROVED,  ST_STATUS_RETURNED },
  { ST_ROLE_REVIEWER,   ST_STATUS_APPROVED,  ST_STATUS_PUBLISHED },
  { ST_ROLE_REVIEWER,   ST_STATUS_PUBLISHED, ST_STATUS_RETURNED },
};

const char *
st_role_to_string (StRole role)
{
  switch (role)
    {
    case ST_ROLE_DEPARTMENT:
      return "department";
    case ST_ROLE_REVIEWER:
      return "reviewer";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
st_role_from_string (const char *str,
                     StRole     *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  if (g_strcmp0 (str, "department") == 0)
    *role = ST_ROLE_DEPARTMENT;
  else if (g_strcmp0 (str, "reviewer") == 0)
    *role = ST_ROLE_REVIEWER;
  else
    return FALSE;
  return TRUE;
}

gboolean
st_workflow_rule_allows (StRole   role,
                         StStatus from,
                         StStatus to)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (rules[i].role == role && rules[i].from == from && rules[i].to == to)
      return TRUE;
  return FALSE;
}

gboolean
st_workflow_rule_needs_comment (StStatus from,
                                StStatus to)
{
  return to == ST_STATUS_RETURNED && from != ST_STATUS_RETURNED;
}

const char *
st_workflow_status_word (StStatus status)
{
  switch (status)
    {
    case ST_STATUS_DRAFT:
      return C_("status in a sentence", "draft");
    case ST_STATUS_SUBMITTED:
      return C_("status in a sentence", "submitted");
    case ST_STATUS_RETURNED:
      return C_("status in a sentence", "returned");
    case ST_STATUS_APPROVED:
      return C_("status in a sentence", "approved");
    case ST_STATUS_PUBLISHED:
      return C_("status in a sentence", "published");
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
st_workflow_describe (StTemplate *template,
                      const char *respondent_id,
                      const char *item_id,
                      const char *section_id)
{
  const StRespondent *respondent;
  const StItem *item;
  const StSection *section = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (ST_IS_TEMPLATE (template), NULL);

  respondent = respondent_id != NULL ? st_template_find_respondent (template, respondent_id) : NULL;
  item = item_id != NULL ? st_template_find_item (template, item_id) : NULL;
  if (section_id != NULL)
    section = st_template_find_section (template, section_id);

  if (respondent != NULL)
    g_string_append (out, respondent->abbreviation != NULL ? respondent->abbreviation : respondent->id);
  else if (respondent_id != NULL)
    g_string_append (out, respondent_id);

  if (item_id != NULL)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      if (item != NULL && item->number > 0)
        g_string_append_printf (out, "%s %u", st_template_get_display_word (template, ST_WORD_ITEM), item->number);
      else
        g_string_append_printf (out, "%s %s", st_template_get_display_word (template, ST_WORD_ITEM), item_id);
    }

  if (section_id != NULL)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, section != NULL ? section->heading : section_id);
    }

  return g_string_free (out, FALSE);
}

/* Comment threads */

void
st_comment_thread_free (StCommentThread *thread)
{
  if (thread == NULL)
    return;
  g_clear_pointer (&thread->replies, g_ptr_array_unref);
  g_free (thread);
}

static StComment *
find_in_submission (StSubmission *submission,
                    const char   *id)
{
  GPtrArray *comments = st_submission_get_comments (submission);

  if (id == NULL)
    return NULL;
  for (guint i = 0; i < comments->len; i++)
    {
      StComment *comment = g_ptr_array_index (comments, i);

      if (g_strcmp0 (comment->id, id) == 0)
        return comment;
    }
  return NULL;
}

/* The first comment of @comment's thread. Replies should point at the
 * first comment, but a file may chain them; a loop ends the walk. */
static StComment *
thread_root (StSubmission *submission,
             StComment    *comment)
{
  StComment *root = comment;
  guint steps = 0;
  guint n = st_submission_get_comments (submission)->len;

  while (root->reply_to != NULL && steps++ <= n)
    {
      StComment *parent = find_in_submission (submission, root->reply_to);

      if (parent == NULL || parent == comment)
        break;
      root = parent;
    }
  return root;
}

GPtrArray *
st_workflow_list_threads (StSubmission *submission,
                          const char   *section_id)
{
  GPtrArray *comments, *threads;
  g_autoptr(GHashTable) by_root = NULL;

  g_return_val_if_fail (ST_IS_SUBMISSION (submission), NULL);

  comments = st_submission_get_comments (submission);
  threads = g_ptr_array_new_with_free_func ((GDestroyNotify) st_comment_thread_free);
  by_root = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < comments->len; i++)
    {
      StComment *comment = g_ptr_array_index (comments, i);
      StComment *root = thread_root (submission, comment);
      StCommentThread *thread;

      if (section_id != NULL && g_strcmp0 (root->section, section_id) != 0)
        continue;

      thread = g_hash_table_lookup (by_root, root);
      if (thread == NULL)
        {
          thread = g_new0 (StCommentThread, 1);
          thread->root = root;
          thread->replies = g_ptr_array_new ();
          g_hash_table_insert (by_root, root, thread);
          g_ptr_array_add (threads, thread);
        }
      if (comment != root)
        g_ptr_array_add (thread->replies, comment);
    }

  return threads;
}

guint
st_workflow_count_unresolved (StSubmission *submission,
                              const char   *section_id)
{
  g_autoptr(GPtrArray) threads = NULL;
  guint count = 0;

  g_return_val_if_fail (ST_IS_SUBMISSION (submission), 0);

  threads = st_workflow_list_threads (submission, section_id);
  for (guint i = 0; i < threads->len; i++)
    {
      StCommentThread *thread = g_ptr_array_index (threads, i);

      if (!thread->root->resolved)
        count++;
    }
  return count;
}

guint
st_workflow_count_unresolved_in_report (StReport   *report,
                                        const char *respondent_id)
{
  guint count = 0;

  g_return_val_if_fail (ST_IS_REPORT (report), 0);

  for (guint i = 0; i < st_report_get_n_submissions (report); i++)
    {
      StSubmission *submission = st_report_get_submission (report, i);

      if (respondent_id == NULL ||
          g_strcmp0 (st_submission_get_respondent_id (submission), respondent_id) == 0)
        count += st_workflow_count_unresolved (submission, NULL);
    }
  return count;
}

StComment *
st_workflow_find_comment (StReport      *report,
                          const char    *id,
                          StSubmission **submission)
{
  g_return_val_if_fail (ST_IS_REPORT (report), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < st_report_get_n_submissions (report); i++)
    {
      StSubmission *candidate = st_report_get_submission (report, i);
      StComment *comment = find_in_submission (candidate, id);

      if (comment != NULL)
        {
          if (submission != NULL)
            *submission = candidate;
          return comment;
        }
    }
  return NULL;
}

/* The object */

static void add_status_entry (StWorkflow   *self,
                              StSubmission *submission,
                              StStatus      old_status,
                              StStatus      new_status,
                              gboolean      record_edits);

/* Editing an approved submission sends it back to review */
static void
on_section_changed (StSubmission *submission,
                    const char   *section_id,
                    StWorkflow   *self)
{
  if (st_submission_get_status (submission) != ST_STATUS_APPROVED)
    return;

  /* The edit itself is recorded at the next save: its old text is the
   * approved one */
  st_submission_set_status (submission, ST_STATUS_SUBMITTED);
  add_status_entry (self, submission, ST_STATUS_APPROVED, ST_STATUS_SUBMITTED, FALSE);
}

static void
watch_submissions (StWorkflow *self)
{
  for (guint i = 0; i < st_report_get_n_submissions (self->report); i++)
    {
      StSubmission *submission = st_report_get_submission (self->report, i);
      gulong id;

      if (g_hash_table_contains (self->watched, submission))
        continue;
      id = g_signal_connect_object (submission, "section-changed",
                                    G_CALLBACK (on_section_changed), self, 0);
      g_hash_table_insert (self->watched, g_object_ref (submission), GSIZE_TO_POINTER (id));
    }
}

static void
on_report_changed (StReport     *report,
                   StSubmission *submission,
                   const char   *section_id,
                   StWorkflow   *self)
{
  /* Submissions are added with submission NULL */
  if (submission == NULL && section_id == NULL)
    watch_submissions (self);
}

static void
st_workflow_dispose (GObject *object)
{
  StWorkflow *self = (StWorkflow *)object;

  if (self->watched != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->watched);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_signal_handler_disconnect (key, GPOINTER_TO_SIZE (value));
      g_clear_pointer (&self->watched, g_hash_table_unref);
    }
  g_clear_object (&self->validator);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (st_workflow_parent_class)->dispose (object);
}

static void
st_workflow_finalize (GObject *object)
{
  StWorkflow *self = (StWorkflow *)object;

  g_clear_object (&self->report);
  g_clear_pointer (&self->respondent_id, g_free);
  g_clear_pointer (&self->author, g_free);

  G_OBJECT_CLASS (st_workflow_parent_class)->finalize (object);
}

static void
st_workflow_constructed (GObject *object)
{
  StWorkflow *self = ST_WORKFLOW (object);

  G_OBJECT_CLASS (st_workflow_parent_class)->constructed (object);

  g_assert (ST_IS_REPORT (self->report));
  g_signal_connect_object (self->report, "changed", G_CALLBACK (on_report_changed), self, 0);
  watch_submissions (self);
}

static void
st_workflow_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  StWorkflow *self = ST_WORKFLOW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    case PROP_ROLE:
      g_value_set_uint (value, self->role);
      break;

    case PROP_RESPONDENT_ID:
      g_value_set_string (value, self->respondent_id);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_VALIDATOR:
      g_value_set_object (value, self->validator);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_workflow_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  StWorkflow *self = ST_WORKFLOW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;

    case PROP_ROLE:
      self->role = g_value_get_uint (value);
      break;

    case PROP_RESPONDENT_ID:
      self->respondent_id = g_value_dup_string (value);
      break;

    case PROP_AUTHOR:
      st_workflow_set_author (self, g_value_get_string (value));
      break;

    case PROP_VALIDATOR:
      st_workflow_set_validator (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
st_workflow_class_init (StWorkflowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = st_workflow_constructed;
  object_class->dispose = st_workflow_dispose;
  object_class->finalize = st_workflow_finalize;
  object_class->get_property = st_workflow_get_property;
  object_class->set_property = st_workflow_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, ST_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_uint ("role", NULL, NULL,
                       ST_ROLE_DEPARTMENT, ST_ROLE_REVIEWER, ST_ROLE_DEPARTMENT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESPONDENT_ID] =
    g_param_spec_string ("respondent-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALIDATOR] =
    g_param_spec_object ("validator", NULL, NULL, ST_TYPE_VALIDATOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
st_workflow_init (StWorkflow *self)
{
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}

StWorkflow *
st_workflow_new (StReport   *report,
                 StRole      role,
                 const char *respondent_id,
                 const char *author)
{
  g_return_val_if_fail (ST_IS_REPORT (report), NULL);
  g_return_val_if_fail (role == ST_ROLE_DEPARTMENT || role == ST_ROLE_REVIEWER, NULL);
  g_return_val_if_fail ((role == ST_ROLE_DEPARTMENT) == (respondent_id != NULL), NULL);

  return g_object_new (ST_TYPE_WORKFLOW,
                       "report", report,
                       "role", role,
                       "respondent-id", respondent_id,
                       "author", author,
                       NULL);
}

StReport *
st_workflow_get_report (StWorkflow *self)
{
  g_return_val_if_fail (ST_IS_WORKFLOW (self), NULL);
  return self->report;
}

StRole
st_workflow_get_role (StWorkflow *self)
{
  g_return_val_if_fail (ST_IS_WORKFLOW (self), ST_ROLE_DEPARTMENT);
  return self->role;
}

const char *
st_workflow_get_respondent_id (StWorkflow *self)
{
  g_return_val_if_fail (ST_IS_WORKFLOW (self), NULL);
  return self->respondent_id;
}

const char *
st_workflow_get_author (StWorkflow *self)
{
  g_return_val_if_fail (ST_IS_WORKFLOW (self), NULL);
  return self->author;
}

void
st_workflow_set_author (StWorkflow *self,
                        const char *author)
{
  g_return_if_fail (ST_IS_WORKFLOW (self));

  if (g_strcmp0 (self->author, author) == 0)
    return;
  g_free (self->author);
  self->author = g_strdup (author);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
}

void
st_workflow_set_validator (StWorkflow  *self,
                           StValidator *validator)
{
  g_return_if_fail (ST_IS_WORKFLOW (self));
  g_return_if_fail (validator == NULL || ST_IS_VALIDATOR (validator));
  g_return_if_fail (validator == NULL || st_validator_get_report (validator) == self->report);

  if (g_set_object (&self->validator, validator))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALIDATOR]);
}

StValidator *
st_workflow_get_validator (StWorkflow *self)
{
  g_return_val_if_fail (ST_IS_WORKFLOW (self), NULL);

  if (self->validator == NULL)
    self->validator = st_validator_new (self->report);
  return self->validator;
}

void
st_workflow_set_history (StWorkflow *self,
                         StHistory  *history)
{
  g_return_if_fail (ST_IS_WORKFLOW (self));
  g_return_if_fail (history == NULL || ST_IS_HISTORY (history));
  g_return_if_fail (history == NULL || st_history_get_report (history) == self->report);

  g_set_object (&self->history, history);
}

StHistory *
st_workflow_get_history (StWorkflow *self)
{
  g_return_val_if_fail (ST_IS_WORKFLOW (self), NULL);
  return self->history;
}

/* Checks */

static void
add_status_entry (StWorkflow   *self,
                  StSubmission *submission,
                  StStatus      old_status,
                  StStatus      new_status,
                  gboolean      record_edits)
{
  g_autofree char *now = st_history_now ();

  if (self->history != NULL && record_edits)
    st_history_record_submission (self->history, submission, self->author);
  st_submission_add_history (submission,
                             st_history_entry_new (self->author, now, NULL, ST_HISTORY_STATUS,
                                                   st_status_to_string (old_status),
                                                   st_status_to_string (new_status)));
}

static const char *
respondent_name (StWorkflow *self,
                 const char *respondent_id)
{
  const StRespondent *respondent =
    st_template_find_respondent (st_report_get_template (self->report), respondent_id);

  if (respondent != NULL && respondent->abbreviation != NULL)
    return respondent->abbreviation;
  return respondent_id;
}

/* The submission exists in the template and this person may touch it at
 * all: their own department's, or any for a reviewer of a full report */
static gboolean
check_reach (StWorkflow  *self,
             const char  *respondent_id,
             const char  *item_id,
             GError     **error)
{
  StTemplate *template = st_report_get_template (self->report);
  const char *pack_respondent = st_report_get_pack_respondent (self->report);

  if (respondent_id == NULL || st_template_find_respondent (template, respondent_id) == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                   _("The template has no respondent “%s”"), respondent_id ? respondent_id : "");
      return FALSE;
    }
  if (item_id == NULL || st_template_find_item (template, item_id) == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                   _("The template has no item “%s”"), item_id ? item_id : "");
      return FALSE;
    }

  if (pack_respondent != NULL && self->role == ST_ROLE_REVIEWER)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("This is %s’s department pack: the central team reviews it once it is merged into the full report"),
                   respondent_name (self, pack_respondent));
      return FALSE;
    }
  if (pack_respondent != NULL && g_strcmp0 (respondent_id, pack_respondent) != 0)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("This is %s’s department pack: it holds no other department’s submissions"),
                   respondent_name (self, pack_respondent));
      return FALSE;
    }
  if (self->role == ST_ROLE_DEPARTMENT && g_strcmp0 (respondent_id, self->respondent_id) != 0)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("%s’s editors cannot change %s’s submissions"),
                   respondent_name (self, self->respondent_id),
                   respondent_name (self, respondent_id));
      return FALSE;
    }
  return TRUE;
}

static StStatus
current_status (StWorkflow *self,
                const char *respondent_id,
                const char *item_id)
{
  StSubmission *submission = st_report_lookup_submission (self->report, respondent_id, item_id);

  return submission != NULL ? st_submission_get_status (submission) : ST_STATUS_DRAFT;
}

gboolean
st_workflow_can_edit (StWorkflow  *self,
                      const char  *respondent_id,
                      const char  *item_id,
                      GError     **error)
{
  g_return_val_if_fail (ST_IS_WORKFLOW (self), FALSE);

  if (!check_reach (self, respondent_id, item_id, error))
    return FALSE;

  if (current_status (self, respondent_id, item_id) == ST_STATUS_PUBLISHED)
    {
      g_autofree char *place = st_workflow_describe (st_report_get_template (self->report),
                                                     respondent_id, item_id, NULL);

      if (self->role == ST_ROLE_REVIEWER)
        g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                     _("%s has been published: return it to the department to change it"), place);
      else
        g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                     _("%s has been published: ask the central team to return it to change it"), place);
      return FALSE;
    }
  return TRUE;
}

gboolean
st_workflow_is_guarded (StWorkflow *self,
                        const char *respondent_id,
                        const char *item_id)
{
  StStatus status;

  g_return_val_if_fail (ST_IS_WORKFLOW (self), FALSE);

  status = current_status (self, respondent_id, item_id);
  return status == ST_STATUS_APPROVED ||
         (status == ST_STATUS_SUBMITTED && self->role == ST_ROLE_DEPARTMENT);
}

/* Why @role may not move a submission from @from to @to */
static void
refuse_transition (StWorkflow  *self,
                   const char  *place,
                   StStatus     from,
                   StStatus     to,
                   GError     **error)
{
  gboolean role_can_reach = FALSE;

  if (from == to)
    {
      /* Translators: the first %s names a submission, the second a status */
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED, _("%s is %s already"),
                   place, st_workflow_status_word (from));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (rules[i].role == self->role && rules[i].to == to)
      role_can_reach = TRUE;

  if (!role_can_reach)
    {
      switch (to)
        {
        case ST_STATUS_DRAFT:
          g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                       _("%s cannot go back to draft: a returned submission is edited as it is"), place);
          break;
        case ST_STATUS_SUBMITTED:
          g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                       _("Only the department can submit %s"), place);
          break;
        case ST_STATUS_RETURNED:
          g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                       _("Only the central team can return %s to the department"), place);
          break;
        case ST_STATUS_APPROVED:
          g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                       _("Only the central team can approve %s"), place);
          break;
        case ST_STATUS_PUBLISHED:
        default:
          g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                       _("Only the central team can publish %s"), place);
          break;
        }
      return;
    }

  switch (to)
    {
    case ST_STATUS_SUBMITTED:
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("%s is %s: only a draft or a returned submission can be submitted"),
                   place, st_workflow_status_word (from));
      break;
    case ST_STATUS_RETURNED:
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("%s is %s: only a submitted, approved or published submission can be returned"),
                   place, st_workflow_status_word (from));
      break;
    case ST_STATUS_APPROVED:
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("%s is %s: only a submitted submission can be approved"),
                   place, st_workflow_status_word (from));
      break;
    case ST_STATUS_PUBLISHED:
    case ST_STATUS_DRAFT:
    default:
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("%s is %s: only an approved submission can be published"),
                   place, st_workflow_status_word (from));
      break;
    }
}

/* Errors from validation stop a submission being submitted or approved */
static gboolean
check_valid (StWorkflow  *self,
             const char  *respondent_id,
             const char  *item_id,
             const char  *place,
             GError     **error)
{
  g_autoptr(GPtrArray) findings = NULL;
  StFinding *first = NULL;
  guint errors = 0;

  findings = st_validator_validate_submission (st_workflow_get_validator (self),
                                               respondent_id, item_id);
  for (guint i = 0; i < findings->len; i++)
    {
      StFinding *finding = g_ptr_array_index (findings, i);

      if (st_finding_get_severity (finding) != ST_SEVERITY_ERROR)
        continue;
      if (first == NULL)
        first = finding;
      errors++;
    }

  if (errors == 0)
    return TRUE;

  g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
               g_dngettext (GETTEXT_PACKAGE,
                            "%s has %u error to put right first: %s",
                            "%s has %u errors to put right first, the first: %s",
                            errors),
               place, errors, st_finding_get_message (first));
  return FALSE;
}

gboolean
st_workflow_can_set_status (StWorkflow  *self,
                            const char  *respondent_id,
                            const char  *item_id,
                            StStatus     status,
                            GError     **error)
{
  g_autofree char *place = NULL;
  StStatus from;

  g_return_val_if_fail (ST_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (status <= ST_STATUS_PUBLISHED, FALSE);

  if (!check_reach (self, respondent_id, item_id, error))
    return FALSE;

  place = st_workflow_describe (st_report_get_template (self->report), respondent_id, item_id, NULL);
  from = current_status (self, respondent_id, item_id);

  if (!st_workflow_rule_allows (self->role, from, status))
    {
      refuse_transition (self, place, from, status, error);
      return FALSE;
    }

  if (status == ST_STATUS_SUBMITTED || status == ST_STATUS_APPROVED)
    return check_valid (self, respondent_id, item_id, place, error);
  return TRUE;
}

GArray *
st_workflow_list_next_statuses (StWorkflow *self,
                                const char *respondent_id,
                                const char *item_id)
{
  GArray *statuses;
  StStatus from;

  g_return_val_if_fail (ST_IS_WORKFLOW (self), NULL);

  statuses = g_array_new (FALSE, FALSE, sizeof (StStatus));
  if (!check_reach (self, respondent_id, item_id, NULL))
    return statuses;

  from = current_status (self, respondent_id, item_id);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (rules[i].role == self->role && rules[i].from == from)
      g_array_append_val (statuses, rules[i].to);
  return statuses;
}

GPtrArray *
st_workflow_get_warnings (StWorkflow *self,
                          const char *respondent_id,
                          const char *item_id)
{
  g_autoptr(GPtrArray) findings = NULL;
  GPtrArray *warnings;

  g_return_val_if_fail (ST_IS_WORKFLOW (self), NULL);

  warnings = g_ptr_array_new_with_free_func (g_object_unref);
  if (st_report_get_template (self->report) == NULL ||
      st_template_find_respondent (st_report_get_template (self->report), respondent_id) == NULL ||
      st_template_find_item (st_report_get_template (self->report), item_id) == NULL)
    return warnings;

  findings = st_validator_validate_submission (st_workflow_get_validator (self),
                                               respondent_id, item_id);
  for (guint i = 0; i < findings->len; i++)
    {
      StFinding *finding = g_ptr_array_index (findings, i);
      const char *section_id = st_finding_get_section_id (finding);

      if (st_finding_get_severity (finding) != ST_SEVERITY_WARNING)
        continue;
      /* Earlier rounds are history the department can no longer change:
       * what is submitted is this round's answer */
      if (section_id != NULL)
        {
          const StSection *section = st_template_find_section (st_report_get_template (self->report),
                                                               section_id);

          if (section != NULL && section->round != st_report_get_round (self->report))
            continue;
        }
      g_ptr_array_add (warnings, g_object_ref (finding));
    }
  return warnings;
}

static char *
new_comment_id (StReport *report)
{
  /* Random, so that comments made at the same time in the full report and
   * in a department's pack never share an id */
  for (;;)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      char *id = g_strconcat ("c-", uuid, NULL);

      if (st_workflow_find_comment (report, id, NULL) == NULL)
        return id;
      g_free (id);
    }
}

static const char *
add_comment (StWorkflow   *self,
             StSubmission *submission,
             const char   *section_id,
             const char   *text,
             const char   *reply_to)
{
  g_autofree char *id = new_comment_id (self->report);
  g_autofree char *now = st_history_now ();
  StComment *comment = st_comment_new (id, section_id, self->author, now, text, reply_to, FALSE);

  st_submission_add_comment (submission, comment);
  return comment->id;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

gboolean
st_workflow_set_status (StWorkflow  *self,
                        const char  *respondent_id,
                        const char  *item_id,
                        StStatus     status,
                        const char  *comment,
                        GError     **error)
{
  StSubmission *submission;
  StStatus from;

  g_return_val_if_fail (ST_IS_WORKFLOW (self), FALSE);

  if (!st_workflow_can_set_status (self, respondent_id, item_id, status, error))
    return FALSE;

  from = current_status (self, respondent_id, item_id);
  if (st_workflow_rule_needs_comment (from, status) && is_blank (comment))
    {
      g_autofree char *place = st_workflow_describe (st_report_get_template (self->report),
                                                     respondent_id, item_id, NULL);

      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("Say why %s goes back to the department: returning it needs a comment"), place);
      return FALSE;
    }

  submission = st_report_ensure_submission (self->report, respondent_id, item_id);
  g_return_val_if_fail (submission != NULL, FALSE);

  if (!is_blank (comment))
    add_comment (self, submission, NULL, comment, NULL);
  st_submission_set_status (submission, status);
  add_status_entry (self, submission, from, status, TRUE);
  return TRUE;
}

guint
st_workflow_publish_approved (StWorkflow  *self,
                              GError     **error)
{
  g_autoptr(GPtrArray) approved = NULL;

  g_return_val_if_fail (ST_IS_WORKFLOW (self), 0);

  if (self->role != ST_ROLE_REVIEWER || st_report_is_pack (self->report))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("Only the central team publishes, from the full report"));
      return 0;
    }

  approved = g_ptr_array_new ();
  for (guint i = 0; i < st_report_get_n_submissions (self->report); i++)
    {
      StSubmission *submission = st_report_get_submission (self->report, i);

      if (st_submission_get_status (submission) == ST_STATUS_APPROVED)
        g_ptr_array_add (approved, submission);
    }

  for (guint i = 0; i < approved->len; i++)
    {
      StSubmission *submission = g_ptr_array_index (approved, i);

      st_submission_set_status (submission, ST_STATUS_PUBLISHED);
      add_status_entry (self, submission, ST_STATUS_APPROVED, ST_STATUS_PUBLISHED, TRUE);
    }
  return approved->len;
}

gboolean
st_workflow_set_text (StWorkflow  *self,
                      const char  *respondent_id,
                      const char  *item_id,
                      const char  *section_id,
                      const char  *text,
                      GError     **error)
{
  StTemplate *template;
  const StSection *section;
  StSubmission *submission;

  g_return_val_if_fail (ST_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (section_id != NULL, FALSE);

  if (!st_workflow_can_edit (self, respondent_id, item_id, error))
    return FALSE;

  template = st_report_get_template (self->report);
  section = st_template_find_section (template, section_id);
  if (section == NULL ||
      !st_template_item_has_section (template, st_template_find_item (template, item_id), section))
    {
      g_autofree char *place = st_workflow_describe (template, respondent_id, item_id, NULL);

      g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                   _("%s has no section “%s”"), place, section_id);
      return FALSE;
    }

  submission = st_report_ensure_submission (self->report, respondent_id, item_id);
  g_return_val_if_fail (submission != NULL, FALSE);
  st_submission_set_text (submission, section_id, text);
  return TRUE;
}

gboolean
st_workflow_set_not_applicable (StWorkflow  *self,
                                const char  *respondent_id,
                                const char  *item_id,
                                const char  *reason,
                                GError     **error)
{
  StSubmission *submission;

  g_return_val_if_fail (ST_IS_WORKFLOW (self), FALSE);

  if (!st_workflow_can_edit (self, respondent_id, item_id, error))
    return FALSE;

  submission = st_report_ensure_submission (self->report, respondent_id, item_id);
  g_return_val_if_fail (submission != NULL, FALSE);
  st_submission_set_not_applicable (submission, reason);
  return TRUE;
}

/* Comments */

const char *
st_workflow_add_comment (StWorkflow  *self,
                         const char  *respondent_id,
                         const char  *item_id,
                         const char  *section_id,
                         const char  *text,
                         GError     **error)
{
  StTemplate *template;
  StSubmission *submission;

  g_return_val_if_fail (ST_IS_WORKFLOW (self), NULL);

  if (!check_reach (self, respondent_id, item_id, error))
    return NULL;

  if (self->role != ST_ROLE_REVIEWER)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED,
                   _("Departments reply to the central team’s comments; only the central team starts a thread"));
      return NULL;
    }

  template = st_report_get_template (self->report);
  if (section_id != NULL)
    {
      const StSection *section = st_template_find_section (template, section_id);

      if (section == NULL ||
          !st_template_item_has_section (template, st_template_find_item (template, item_id), section))
        {
          g_autofree char *place = st_workflow_describe (template, respondent_id, item_id, NULL);

          g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                       _("%s has no section “%s”"), place, section_id);
          return NULL;
        }
    }

  if (is_blank (text))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED, _("A comment needs some text"));
      return NULL;
    }

  submission = st_report_ensure_submission (self->report, respondent_id, item_id);
  g_return_val_if_fail (submission != NULL, NULL);
  return add_comment (self, submission, section_id, text, NULL);
}

/* The thread's first comment, if this person may answer or resolve it */
static StComment *
find_thread (StWorkflow    *self,
             const char    *comment_id,
             StSubmission **submission,
             GError       **error)
{
  StComment *comment;

  comment = st_workflow_find_comment (self->report, comment_id, submission);
  if (comment == NULL)
    {
      g_set_error (error, ST_ERROR, ST_ERROR_NOT_FOUND,
                   _("There is no comment “%s”"), comment_id);
      return NULL;
    }
  if (!check_reach (self, st_submission_get_respondent_id (*submission),
                    st_submission_get_item_id (*submission), error))
    return NULL;
  return thread_root (*submission, comment);
}

const char *
st_workflow_reply (StWorkflow  *self,
                   const char  *comment_id,
                   const char  *text,
                   GError     **error)
{
  StSubmission *submission = NULL;
  StComment *root;

  g_return_val_if_fail (ST_IS_WORKFLOW (self), NULL);
  g_return_val_if_fail (comment_id != NULL, NULL);

  if (!(root = find_thread (self, comment_id, &submission, error)))
    return NULL;
  if (is_blank (text))
    {
      g_set_error (error, ST_ERROR, ST_ERROR_REFUSED, _("A reply needs some text"));
      return NULL;
    }
  return add_comment (self, submission, root->section, text, root->id);
}

gboolean
st_workflow_resolve (StWorkflow  *self,
                     const char  *comment_id,
                     gboolean     resolved,
                     GError     **error)
{
  StSubmission *submission = NULL;
  StComment *root;

  g_return_val_if_fail (ST_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (comment_id != NULL, FALSE);

  if (!(root = find_thread (self, comment_id, &submission, error)))
    return FALSE;
  st_submission_set_comment_resolved (submission, root->id, resolved);
  return TRUE;
}
