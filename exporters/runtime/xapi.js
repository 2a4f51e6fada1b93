/* xAPI ("Tin Can") tracker: the launch URL names the LRS endpoint, auth, actor, registration and activity;
 * the package sends the statements the app itself sends (launched, initialized, experienced, answered,
 * completed, passed/failed, suspended, resumed, terminated) and keeps its progress in the State API.
 * No credentials are ever part of the package: they come from whoever launches it. */
(function () {
  "use strict";

  const Xapi = window.ElearnXapi;
  const TYPES = { module: "http://adlnet.gov/expapi/activities/module",
    lesson: "http://adlnet.gov/expapi/activities/lesson",
    assessment: "http://adlnet.gov/expapi/activities/assessment" };
  const EXTENSIONS = { competencies: "https://elearn.example/xapi/extensions/competencies",
    moduleVersion: "https://elearn.example/xapi/extensions/module-version" };
  const STATE_ID = "https://elearn.example/xapi/state/package-progress";

  function readLaunch() {
    const params = new URLSearchParams(window.location.search);
    if (!params.get("endpoint") || !params.get("actor")) return null;
    let actor = JSON.parse(params.get("actor"));
    // Tin Can launchers may send an actor with array-valued properties (the 0.95 form).
    if (Array.isArray(actor.mbox)) actor = { ...actor, mbox: actor.mbox[0] };
    if (Array.isArray(actor.name)) actor = { ...actor, name: actor.name[0] };
    if (Array.isArray(actor.account)) actor = { ...actor, account: actor.account[0] };
    if (actor.account && actor.account.accountServiceHomePage) {
      actor.account = { homePage: actor.account.accountServiceHomePage, name: actor.account.accountName };
    }
    return { endpoint: params.get("endpoint"), auth: params.get("auth") || "", actor,
      registration: params.get("registration"), activityId: params.get("activity_id"),
      grouping: params.get("grouping") };
  }

  function create(pkg) {
    let launch = null;
    let lrs = null;
    let moduleIri = pkg.moduleIri;
    let completedSent = false;
    let attemptOpen = false;

    function context(competencies, withParent) {
      const activities = {};
      if (withParent) activities.parent = [{ objectType: "Activity", id: moduleIri }];
      if (launch.grouping) activities.grouping = [{ objectType: "Activity", id: launch.grouping }];
      const extensions = { [EXTENSIONS.competencies]: competencies };
      if (pkg.moduleVersion != null) extensions[EXTENSIONS.moduleVersion] = pkg.moduleVersion;
      const ctx = { contextActivities: activities, extensions };
      if (launch.registration) ctx.registration = launch.registration;
      return ctx;
    }

    function moduleCompetencies() {
      return pkg.module.competencies.map((id) => ({ id, weight: 1 }));
    }

    function statement(verbName, object, result, competencies) {
      const built = { id: Xapi.uuid(), timestamp: Xapi.timestamp(), actor: launch.actor, verb: Xapi.verb(verbName),
        object, context: context(competencies || moduleCompetencies(), object.id !== moduleIri) };
      if (result) built.result = result;
      return built;
    }

    const moduleActivity = () => Xapi.activity(moduleIri, TYPES.module, pkg.module.title);
    const quizActivity = () => Xapi.activity(pkg.quiz.iri, TYPES.assessment, pkg.quiz.title);
    const pageActivity = (page) => Xapi.activity(`${moduleIri}/pages/${page.slug}`, TYPES.lesson, page.title);
    const quizCompetencies = () => pkg.competencies.map((c) => ({ id: c.id, weight: 1 }));

    function stateParams() {
      const params = { stateId: STATE_ID, activityId: moduleIri, agent: launch.actor };
      if (launch.registration) params.registration = launch.registration;
      return params;
    }

    function onAnswer(event) {
      const result = { response: event.formatted };
      lrs.send(statement("answered", Xapi.questionActivity(event.question), result, event.question.competencies));
    }

    function onResult(event) {
      const score = { raw: event.raw, min: 0, max: event.max, scaled: Math.round(event.scaled * 10000) / 10000 };
      lrs.send(
        statement("completed", quizActivity(), { completion: true }, quizCompetencies()),
        statement(event.passed ? "passed" : "failed", quizActivity(), { score, success: event.passed, completion: true },
          quizCompetencies()),
        statement("terminated", quizActivity(), null, quizCompetencies()));
      attemptOpen = false;
    }

    const HANDLERS = {
      page: (summary, event) => {
        const page = pkg.module.pages[event.index];
        if (page) lrs.send(statement("experienced", pageActivity(page)));
      },
      "attempt-started": () => {
        attemptOpen = true;
        lrs.send(statement("launched", quizActivity(), null, quizCompetencies()),
          statement("initialized", quizActivity(), null, quizCompetencies()));
      },
      answer: (summary, event) => onAnswer(event),
      result: (summary, event) => onResult(event),
    };

    function saveState(summary) {
      lrs.putState(stateParams(), { suspendData: summary.suspendData(pkg.suspendDataLimit), completed: completedSent });
    }

    return {
      hasExit: true,
      async start() {
        launch = readLaunch();
        if (!launch) return undefined;
        if (launch.activityId) moduleIri = launch.activityId;
        const auth = launch.auth.includes(" ") ? launch.auth : "Basic " + launch.auth;
        lrs = Xapi.client(launch.endpoint, auth);
        const saved = await lrs.getState(stateParams()).catch(() => null);
        completedSent = Boolean(saved && saved.completed);
        if (saved && !completedSent) lrs.send(statement("resumed", moduleActivity()));
        else lrs.send(statement("launched", moduleActivity()), statement("initialized", moduleActivity()));
        return { state: saved ? window.ElearnSuspend.decode(saved.suspendData) : null };
      },
      update(summary, event) {
        const handler = HANDLERS[event.kind];
        if (handler) handler(summary, event);
        if (summary.completed && !completedSent) {
          completedSent = true;
          lrs.send(statement("completed", moduleActivity(), { completion: true }),
            statement("terminated", moduleActivity()));
        }
        saveState(summary);
      },
      flush(summary) {
        saveState(summary);
        lrs.flush();
      },
      finish(summary, leaving) {
        if (leaving) lrs.leave();
        saveState(summary);
        const last = [];
        if (attemptOpen) last.push(statement("suspended", quizActivity(), null, quizCompetencies()));
        if (!completedSent) last.push(statement("suspended", moduleActivity()), statement("terminated", moduleActivity()));
        if (last.length) lrs.send(...last);
        return lrs.flush();
      },
    };
  }

  window.ElearnTracker = { create };
})();
